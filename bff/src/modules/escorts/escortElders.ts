import { Types } from 'mongoose';
import type { CreateElderRequest } from '@jiefang/contracts';
import { responsibleArea, type JurisdictionArea } from '../../domain/jurisdiction';
import { forbidden, notFound } from '../../http/httpError';
import type { Clock } from '../../infra/clock';
import type { District } from '../district/district';
import { isDistrictStaff, isElderStaff, isFamily, isStreetStaff, type EscortViewer } from './escortAccess';
import type { ElderDocument, EscortDocument, EscortModels } from './escortModels';

/** Elders: registered by their community or family, seen by their street's staff and their family. */
export function escortElders(deps: {
  models: Pick<EscortModels, 'Elder'>;
  district: District;
  clock: Clock;
}) {
  const { Elder } = deps.models;
  const areas: JurisdictionArea[] = deps.district.features.map((feature) => ({
    id: feature.properties.id,
    rings: feature.geometry.coordinates as Array<Array<[number, number]>>,
  }));
  const streetAt = (point: { lat: number; lng: number }) => {
    const match = responsibleArea(point, areas);
    return match.kind === 'single' ? match.areaId : null;
  };

  const elderOf = (escort: Pick<EscortDocument, 'elderId'>) =>
    Elder.findById(escort.elderId).lean<ElderDocument>().exec();

  return {
    elderOf,

    /** Who hears about an escort on the elder's side: whoever booked it and the elder's family. */
    async familyOf(escort: Pick<EscortDocument, 'elderId' | 'createdBy'>): Promise<string[]> {
      return [escort.createdBy, ...((await elderOf(escort))?.familyUserIds ?? [])];
    },

    async createElder(viewer: EscortViewer, request: CreateElderRequest): Promise<ElderDocument> {
      const { caller } = viewer;
      const streetId = streetAt(request);
      const isStaff = caller.roles.some((role) => ['community_worker', 'admin', 'dispatcher'].includes(role));
      if (isStaff && !isElderStaff(viewer, { streetId })) {
        throw forbidden('只能登记本社区（街道）的长者', { streetId });
      }
      const familyUserIds = [...new Set([...request.familyUserIds, ...(isStaff ? [] : [caller.userId])])];
      const elder: ElderDocument = {
        _id: new Types.ObjectId().toHexString(),
        name: request.name,
        phone: request.phone,
        address: request.address,
        location: { lat: request.lat, lng: request.lng },
        streetId,
        needs: request.needs,
        emergencyContacts: request.emergencyContacts.map((contact) => ({
          ...contact,
          relation: contact.relation ?? null,
        })),
        familyUserIds,
        createdBy: caller.userId,
        createdAt: deps.clock.now(),
      };
      await Elder.create(elder);
      return elder;
    },

    async listElders(viewer: EscortViewer): Promise<ElderDocument[]> {
      const { caller } = viewer;
      const filter = isDistrictStaff(caller)
        ? {}
        : isStreetStaff(caller)
          ? { streetId: viewer.streetId ?? '(none)' }
          : { familyUserIds: caller.userId };
      return Elder.find(filter).sort({ name: 1 }).limit(500).lean<ElderDocument[]>();
    },

    async getElder(viewer: EscortViewer, id: string): Promise<ElderDocument> {
      const elder = await Elder.findById(id).lean<ElderDocument>();
      if (!elder) throw notFound('长者不存在');
      if (!isElderStaff(viewer, elder) && !isFamily(viewer, elder)) throw forbidden('无权查看该长者');
      return elder;
    },
  };
}

export type EscortElders = ReturnType<typeof escortElders>;
