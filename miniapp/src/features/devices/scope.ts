import type { LatLng } from '@jiefang/contracts';
import type { NoiseSitesQuery } from '../../api/alarms';
import { t } from '../../i18n';
import { formatRadius } from './noise';

/**
 * Which sites 噪音 asks for: those near the user's position (WGS-84), or all of them, because the position
 * was refused or unavailable, or because the user asked to see every site.
 */
export type NoiseScope =
  { kind: 'nearby'; position: LatLng; radiusM: number } | { kind: 'all'; reason: 'refused' | 'chosen' };

export function noiseQuery(scope: NoiseScope): NoiseSitesQuery {
  if (scope.kind === 'all') return {};
  return { lat: scope.position.lat, lng: scope.position.lng, radiusM: scope.radiusM };
}

/** The line under the title saying what the list covers. */
export function scopeLine(scope: NoiseScope): string {
  if (scope.kind === 'nearby') return t('noise.scope.nearby', { radius: formatRadius(scope.radiusM) });
  return t(scope.reason === 'refused' ? 'noise.scope.refused' : 'noise.scope.all');
}

/** The empty state's words: nothing near is not the same as no sites at all. */
export function emptyLine(scope: NoiseScope): string {
  if (scope.kind === 'nearby') return t('noise.empty.nearby', { radius: formatRadius(scope.radiusM) });
  return t('noise.empty.all');
}
