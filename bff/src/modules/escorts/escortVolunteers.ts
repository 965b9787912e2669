import type { RegisterVolunteerRequest } from '@jiefang/contracts';
import { escortServices, matchScore } from '../../domain/escortRules';
import { badRequest, forbidden, notFound } from '../../http/httpError';
import type { Clock } from '../../infra/clock';
import { findStreet, type District } from '../district/district';
import { isDistrictStaff, isElderStaff, type EscortViewer } from './escortAccess';
import type { EscortDocument, EscortModels, VolunteerDocument } from './escortModels';

/** Volunteers: registration, the community's verification, and who fits a request. */
export function escortVolunteers(deps: {
  models: Pick<EscortModels, 'Volunteer'>;
  district: District;
  clock: Clock;
}) {
  const { Volunteer } = deps.models;

  return {
    async volunteerOf(userId: string) {
      return Volunteer.findById(userId).lean<VolunteerDocument>();
    },

    async verifiedVolunteer(userId: string): Promise<VolunteerDocument> {
      const volunteer = await Volunteer.findById(userId).lean<VolunteerDocument>();
      if (!volunteer) throw forbidden('请先登记成为志愿者');
      if (!volunteer.verified) throw forbidden('志愿者资料尚未通过社区审核，审核后才能接单');
      return volunteer;
    },

    /** Verified volunteers who fit the request, best first. */
    async matchingVolunteers(escort: EscortDocument) {
      const volunteers = await Volunteer.find({ verified: true }).lean<VolunteerDocument[]>();
      const service = escortServices[escort.serviceType];
      return volunteers
        .flatMap((volunteer) => {
          const match = matchScore(
            {
              skills: volunteer.skills,
              availability: volunteer.availability,
              home: volunteer.serviceArea,
              radiusKm: volunteer.serviceArea.radiusKm,
            },
            {
              start: escort.windowStart,
              end: escort.windowEnd,
              needs: escort.elderNeeds,
              location: escort.elderLocation,
              inPerson: service.inPerson,
            },
          );
          return match && !escort.withdrawnBy.includes(volunteer._id) ? [{ volunteer, ...match }] : [];
        })
        .sort((a, b) => b.score - a.score);
    },

    async registerVolunteer(userId: string, request: RegisterVolunteerRequest): Promise<VolunteerDocument> {
      const street = findStreet(deps.district, request.serviceArea.street);
      if (!street)
        throw badRequest([
          { path: 'serviceArea.street', message: `没有这个街道：${request.serviceArea.street}` },
        ]);
      const existing = await Volunteer.findById(userId).lean<VolunteerDocument>();
      // Changing one's name, phone or street needs a new check by the community.
      const stillVerified = Boolean(
        existing?.verified &&
        existing.realName === request.realName &&
        existing.phone === request.phone &&
        existing.serviceArea.streetId === street.properties.id,
      );
      const volunteer: VolunteerDocument = {
        _id: userId,
        realName: request.realName,
        phone: request.phone,
        skills: request.skills,
        serviceArea: {
          streetId: street.properties.id,
          lat: request.serviceArea.lat,
          lng: request.serviceArea.lng,
          radiusKm: request.serviceArea.radiusKm,
        },
        availability: request.availability,
        verified: stillVerified,
        verifiedAt: stillVerified ? (existing?.verifiedAt ?? null) : null,
        verifiedBy: stillVerified ? (existing?.verifiedBy ?? null) : null,
        createdAt: existing?.createdAt ?? deps.clock.now(),
      };
      await Volunteer.replaceOne({ _id: userId }, volunteer, { upsert: true });
      return volunteer;
    },

    async verifyVolunteer(viewer: EscortViewer, volunteerId: string): Promise<VolunteerDocument> {
      const volunteer = await Volunteer.findById(volunteerId).lean<VolunteerDocument>();
      if (!volunteer) throw notFound('志愿者不存在');
      if (!isElderStaff(viewer, { streetId: volunteer.serviceArea.streetId }))
        throw forbidden('只能审核本社区的志愿者');
      const verified = {
        ...volunteer,
        verified: true,
        verifiedAt: deps.clock.now(),
        verifiedBy: viewer.caller.userId,
      };
      await Volunteer.replaceOne({ _id: volunteerId }, verified);
      return verified;
    },

    async listVolunteers(viewer: EscortViewer, verified?: boolean): Promise<VolunteerDocument[]> {
      const filter: Record<string, unknown> = {};
      if (verified !== undefined) filter.verified = verified;
      if (!isDistrictStaff(viewer.caller)) filter['serviceArea.streetId'] = viewer.streetId ?? '(none)';
      return Volunteer.find(filter).sort({ createdAt: 1 }).limit(500).lean<VolunteerDocument[]>();
    },
  };
}

export type EscortVolunteers = ReturnType<typeof escortVolunteers>;
