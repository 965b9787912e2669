import type { Ticket } from '@jiefang/contracts';
import type { CategoryCatalogue } from '../../domain/categories';
import { findStreet, type District } from '../district/district';
import type { PhotoLinks } from '../photos/photoLinks';
import type { TicketDocument } from './ticketModel';

/** The API shape of a ticket; reporters' identities never leave the BFF, only their number. */
export function ticketView(
  ticket: TicketDocument,
  context: { categories: CategoryCatalogue; district: District; links: PhotoLinks },
): Ticket {
  const category = context.categories.get(ticket.category);
  return {
    id: ticket._id,
    category: ticket.category,
    categoryName: category.name,
    priority: ticket.priority,
    department: ticket.department,
    status: ticket.status,
    version: ticket.version,
    location: ticket.location,
    ...(ticket.accuracy !== undefined && ticket.accuracy !== null ? { accuracy: ticket.accuracy } : {}),
    address: ticket.address,
    description: ticket.description,
    reporterCount: ticket.reporterCount,
    streetId: ticket.streetId,
    streetName: ticket.streetId
      ? (findStreet(context.district, ticket.streetId)?.properties.name ?? null)
      : null,
    squadId: ticket.squadId,
    gridId: ticket.gridId ?? null,
    assigneeId: ticket.assigneeId,
    slaBreached: ticket.slaBreached,
    deadlines: {
      acceptBy: ticket.deadlines.acceptBy?.toISOString() ?? null,
      warnAt: ticket.deadlines.warnAt.toISOString(),
      breachAt: ticket.deadlines.breachAt.toISOString(),
    },
    reportedAt: ticket.reportedAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    photos: context.links.refs(ticket.photos),
    resolution: ticket.resolution
      ? {
          note: ticket.resolution.note,
          photos: context.links.refs(ticket.resolution.photos),
          at: ticket.resolution.at.toISOString(),
        }
      : null,
    rating: ticket.rating
      ? { score: ticket.rating.score, comment: ticket.rating.comment, at: ticket.rating.at.toISOString() }
      : null,
    deviceEvidence: ticket.deviceEvidence ?? [],
    timeline: ticket.timeline.map((entry) => ({
      at: entry.at.toISOString(),
      action: entry.action,
      from: entry.from,
      to: entry.to,
      actorId: entry.actorId,
      actorRole: entry.actorRole,
      actorName: entry.actorName ?? null,
      ...(entry.reason ? { reason: entry.reason } : {}),
      ...(entry.details ? { details: entry.details } : {}),
    })),
  };
}
