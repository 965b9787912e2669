import type { Caller } from '../../http/appState';
import { badRequest, forbidden } from '../../http/httpError';
import { adminStreetOf, reachesDistrict } from '../../domain/staffScope';
import { findStreet, type District } from '../district/district';

/** The street a caller's figures are limited to; null for the whole district. */
export type StatisticsScope = { streetId: string | null };

/**
 * Whose figures a caller sees: dispatchers and the district's admins the district (a street's admin
 * their street) (or one street they ask for); squad
 * leaders and officers their squad's street; community workers their street. Asking for a street
 * outside one's own is refused.
 */
export function statisticsScopes(deps: {
  district: District;
  /** The street a community worker belongs to (from their account). */
  streetOf: (userId: string) => Promise<string | null>;
}) {
  const streetOfSquad = (squadId: string | undefined) =>
    deps.district.features.find(({ properties }) => properties.squadId === squadId)?.properties.id ?? null;

  return {
    async scopeOf(caller: Caller, asked?: string): Promise<StatisticsScope> {
      let askedId: string | null = null;
      if (asked !== undefined) {
        const street = findStreet(deps.district, asked);
        if (!street) throw badRequest([{ path: 'street', message: `没有这个街道：${asked}` }]);
        askedId = street.properties.id;
      }
      if (reachesDistrict(caller)) return { streetId: askedId };
      const own =
        adminStreetOf(caller) ??
        (caller.roles.includes('squad_leader') || caller.roles.includes('officer')
          ? streetOfSquad(caller.squadId)
          : caller.roles.includes('community_worker')
            ? await deps.streetOf(caller.userId)
            : null);
      if (!own) throw forbidden('您的账号没有所属街道，无法查看统计');
      if (askedId !== null && askedId !== own) throw forbidden('只能查看本街道的统计', { streetId: own });
      return { streetId: own };
    },
  };
}

export type StatisticsScopes = ReturnType<typeof statisticsScopes>;
