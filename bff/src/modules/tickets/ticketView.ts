import type { Ticket, TicketSubmission } from '@jiefang/contracts';
import type { CategoryCatalogue } from '../../domain/categories';
import { categoryOfTicket } from '../../domain/ticketCategory';
import { reporterTimeline } from '../../domain/ticketDisclosure';
import type { Caller } from '../../http/appState';
import { findStreet, type District } from '../district/district';
import type { PhotoLinks } from '../photos/photoLinks';
import { seesTicketAsStaff } from './ticketAccess';
import type { SubmissionRecord, TicketDocument } from './ticketModel';
import { ratingOf, ratingView } from './ticketRatings';
import { submissionsOf } from './ticketSubmissions';

/** A caller, or 'staff' for a reader already known to be responsible staff (the consoles' live stream). */
export type TicketViewer = Caller | 'staff';

interface ViewContext {
  categories: CategoryCatalogue;
  district: District;
  links: PhotoLinks;
}

/**
 * The API shape of a ticket for one caller. Staff see it whole, with every reporter's submission (an
 * anonymous reporter's without their id). A reporter sees the shared status and public milestones and
 * only their own submission: never another reporter's words, photos, name or rating comment.
 */
export function ticketView(ticket: TicketDocument, viewer: TicketViewer, context: ViewContext): Ticket {
  const full = fullTicketView(ticket, context);
  const submissions = submissionsOf(ticket);
  const viewerId = viewer === 'staff' ? null : viewer.userId;
  const submissionView = (submission: SubmissionRecord): TicketSubmission => ({
    reporterId: submission.anonymous && submission.reporterId !== viewerId ? null : submission.reporterId,
    anonymous: submission.anonymous,
    mine: submission.reporterId === viewerId,
    description: submission.description,
    address: submission.address,
    location: submission.location,
    photos: context.links.refs(submission.photos),
    submittedAt: submission.submittedAt.toISOString(),
  });
  if (viewer === 'staff' || seesTicketAsStaff(viewer, ticket))
    return { ...full, submissions: submissions.map(submissionView) };

  const own = submissions.find((submission) => submission.reporterId === viewer.userId);
  const { accuracy: _staffAccuracy, ...shared } = full;
  return {
    ...shared,
    location: own?.location ?? ticket.location,
    ...(own?.accuracy !== undefined ? { accuracy: own.accuracy } : {}),
    address: own?.address ?? '',
    description: own?.description ?? '',
    photos: own ? context.links.refs(own.photos) : [],
    // What sensors recorded (in whose home, for a detector) is for staff.
    deviceEvidence: [],
    rating: ratingView(ratingOf(ticket, viewer.userId)),
    // Why it was closed, yes; which staff member closed it, no.
    closure: full.closure ? { ...full.closure, byName: null } : null,
    timeline: reporterTimeline(full.timeline, viewer.userId),
    submissions: own ? [submissionView(own)] : [],
  };
}

function fullTicketView(ticket: TicketDocument, context: ViewContext): Omit<Ticket, 'submissions'> {
  const category = categoryOfTicket(ticket, context.categories);
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
    rating: ratingView(ticket.rating),
    closure: ticket.closure
      ? {
          kind: ticket.closure.kind,
          reason: ticket.closure.reason,
          duplicateOfId: ticket.closure.duplicateOfId,
          passedTo: ticket.closure.passedTo,
          at: ticket.closure.at.toISOString(),
          byName: ticket.closure.byName,
        }
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
