import type { Wgs84Point } from '@jiefang/contracts';
import { responsibleArea, type JurisdictionArea } from './jurisdiction';

/** A grid (网格): the smallest area of the district, inside one street, looked after by a grid worker. */
export interface GridArea extends JurisdictionArea {
  streetId: string;
}

/**
 * The grid a point lies in, or null outside every grid. With `streetId` only that street's grids are
 * considered, so a ticket never gets a grid of another street than the one it was routed to.
 *
 * Grids tile their street, so a point can only be in two of them when it lies exactly on their shared
 * edge; it then goes to the first of them in the order given (the data file's), deterministically. The
 * street, not the grid, decides who is responsible, so this never sends anything to the dispatcher.
 */
export function gridAt(
  point: Wgs84Point,
  grids: readonly GridArea[],
  streetId?: string | null,
): string | null {
  const candidates = streetId ? grids.filter((grid) => grid.streetId === streetId) : grids;
  const match = responsibleArea(point, candidates);
  if (match.kind === 'single') return match.areaId;
  if (match.kind === 'overlap') return match.areaIds[0] ?? null;
  return null;
}
