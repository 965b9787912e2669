import { squadRoles, type Role } from '@jiefang/contracts';
import { badRequest } from '../../http/httpError';
import { findGrid, findStreet, type District } from '../district/district';

/** Where an account sits: its street, the street's squad for squad members, and a grid worker's grid. */
export interface Placement {
  roles: Role[];
  streetId?: string;
  squadId?: string;
  gridId?: string;
}

/**
 * Resolves roles, a street and a grid (ids or names) into a placement, or refuses (400) with the field at
 * fault. A grid implies its street; officers and squad leaders need one, and follow its squad.
 */
export function placeAccount(
  district: District,
  request: { roles: readonly Role[]; street?: string; grid?: string },
): Placement {
  const roles = [...new Set(request.roles)];
  const named = request.street ? findStreet(district, request.street) : undefined;
  if (request.street && !named) {
    throw badRequest([{ path: 'street', message: `没有这个街道：${request.street}` }]);
  }
  const grid = request.grid ? findGrid(district, request.grid) : undefined;
  if (request.grid && !grid) {
    throw badRequest([{ path: 'grid', message: `没有这个网格：${request.grid}` }]);
  }
  if (grid && !roles.includes('community_worker')) {
    throw badRequest([{ path: 'grid', message: '网格只能分配给社区工作者（网格员）' }]);
  }
  if (grid && named && grid.properties.streetId !== named.properties.id) {
    throw badRequest([{ path: 'grid', message: `${grid.properties.name}不在${named.properties.name}` }]);
  }
  const street = named ?? (grid ? findStreet(district, grid.properties.streetId) : undefined);
  const inSquad = roles.some((role) => squadRoles.includes(role));
  if (inSquad && !street) {
    throw badRequest([{ path: 'street', message: '执法队员和中队长需要选择所属街道' }]);
  }
  return {
    roles,
    ...(street ? { streetId: street.properties.id } : {}),
    ...(street && inSquad ? { squadId: street.properties.squadId } : {}),
    ...(grid ? { gridId: grid.properties.id } : {}),
  };
}
