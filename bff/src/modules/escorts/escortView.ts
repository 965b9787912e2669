import distance from '@turf/distance';
import type { Elder, Escort, Volunteer } from '@jiefang/contracts';
import { escortDistanceBand } from '../../domain/escortProximity';
import { escortServices, maskPhone } from '../../domain/escortRules';
import { findStreet, type District } from '../district/district';
import { isElderStaff, isFamily, seesElderContact, type EscortViewer } from './escortAccess';
import type { ElderDocument, EscortDocument, VolunteerDocument } from './escortModels';

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

export function elderView(elder: ElderDocument, viewer: EscortViewer, district: District): Elder {
  const full = isElderStaff(viewer, elder) || isFamily(viewer, elder);
  return {
    id: elder._id,
    name: elder.name,
    phone: full ? elder.phone : maskPhone(elder.phone),
    address: full ? elder.address : null,
    streetId: elder.streetId,
    streetName: elder.streetId ? (findStreet(district, elder.streetId)?.properties.name ?? null) : null,
    needs: elder.needs,
    emergencyContacts: full
      ? elder.emergencyContacts.map((contact) => ({ ...contact, relation: contact.relation ?? null }))
      : [],
    familyUserIds: full ? elder.familyUserIds : [],
  };
}

export function volunteerView(volunteer: VolunteerDocument, options: { fullPhone: boolean }): Volunteer {
  return {
    id: volunteer._id,
    realName: volunteer.realName,
    phone: options.fullPhone ? volunteer.phone : maskPhone(volunteer.phone),
    skills: volunteer.skills,
    serviceArea: volunteer.serviceArea,
    availability: volunteer.availability,
    verified: volunteer.verified,
    verifiedAt: iso(volunteer.verifiedAt),
  };
}

/**
 * The API shape of an escort for one viewer: the elder's exact address and phone only for those who
 * need them, otherwise the street and a coarse distance band from the volunteer's base.
 */
export function escortView(
  escort: EscortDocument,
  context: {
    viewer: EscortViewer;
    elder: ElderDocument | null;
    volunteerPhone: string | null;
    from: { lat: number; lng: number } | null;
    /** The escort's stand-in point (`fuzzedPoint`), for the band shown before acceptance. */
    standIn: (escort: EscortDocument) => { lat: number; lng: number };
    district: District;
  },
): Escort {
  const service = escortServices[escort.serviceType];
  const contact = seesElderContact(context.viewer, escort, context.elder);
  const streetName = escort.streetId
    ? (findStreet(context.district, escort.streetId)?.properties.name ?? null)
    : null;
  // The exact distance only to whoever may see the address; a band to a stand-in point for the rest,
  // so a volunteer moving their own base around cannot trilaterate the home.
  const distanceM =
    context.from && contact
      ? Math.round(
          distance(
            [context.from.lng, context.from.lat],
            [escort.elderLocation.lng, escort.elderLocation.lat],
            { units: 'meters' },
          ),
        )
      : null;
  const distanceBand =
    context.from && !contact ? escortDistanceBand(context.from, context.standIn(escort)) : null;
  return {
    id: escort._id,
    elderId: escort.elderId,
    elderName: escort.elderName,
    elderNeeds: escort.elderNeeds,
    serviceType: escort.serviceType,
    serviceName: service.name,
    inPerson: service.inPerson,
    status: escort.status,
    windowStart: escort.windowStart.toISOString(),
    windowEnd: escort.windowEnd.toISOString(),
    urgent: escort.urgent,
    streetId: escort.streetId,
    elderAddress: contact ? (context.elder?.address ?? null) : null,
    elderPhone: context.elder ? (contact ? context.elder.phone : maskPhone(context.elder.phone)) : '',
    area: streetName,
    distanceM,
    distanceBand,
    pickupAddress: contact ? escort.pickupAddress : null,
    destination: escort.destination,
    hospital: escort.hospital,
    department: escort.department,
    notes: escort.notes,
    volunteer:
      escort.volunteerId && escort.volunteerName
        ? {
            id: escort.volunteerId,
            name: escort.volunteerName,
            phone: context.volunteerPhone
              ? contact
                ? context.volunteerPhone
                : maskPhone(context.volunteerPhone)
              : '',
          }
        : null,
    checkedInAt: iso(escort.checkedInAt),
    completedAt: iso(escort.completedAt),
    completionNotes: escort.completionNotes,
    rating: escort.rating
      ? {
          score: escort.rating.score,
          comment: escort.rating.comment,
          at: new Date(escort.rating.at).toISOString(),
        }
      : null,
    // Someone who may not see the elder's contact (a volunteer looking at an open request) sees what
    // happened and when, not who did it or why: staff names, earlier volunteers and their reasons stay
    // with those who look after the elder.
    sos: contact ? escort.sos.map((alert) => ({ ...alert, at: new Date(alert.at).toISOString() })) : [],
    timeline: escort.timeline.map((entry) => ({
      at: new Date(entry.at).toISOString(),
      action: entry.action,
      actor:
        contact && entry.actorId ? { id: entry.actorId, name: entry.actorName, role: entry.actorRole } : null,
      note: contact ? entry.note : null,
    })),
    createdAt: escort.createdAt.toISOString(),
  };
}
