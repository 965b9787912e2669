import { t } from '../i18n';

/** The BFF's limits for after-photos (bff photoLimits): 1–9 JPEG/PNG/WebP images of at most 10 MB. */
export const photoRules = {
  maxCount: 9,
  maxBytes: 10 * 1024 * 1024,
  types: ['image/jpeg', 'image/png', 'image/webp'] as readonly string[],
  accept: 'image/jpeg,image/png,image/webp',
} as const;

export interface PhotoLike {
  name: string;
  size: number;
  type: string;
}

/**
 * Adds picked files to those already chosen: keeps the acceptable ones up to the limit and explains
 * each one left out. The BFF checks the bytes again; this spares a doomed upload on a phone.
 */
export function addPhotos<T extends PhotoLike>(
  chosen: readonly T[],
  picked: readonly T[],
): { photos: T[]; problems: string[] } {
  const photos = [...chosen];
  const problems: string[] = [];
  for (const file of picked) {
    if (!photoRules.types.includes(file.type)) {
      problems.push(t('officer.photoWrongType', { name: file.name }));
    } else if (file.size > photoRules.maxBytes || file.size === 0) {
      problems.push(t('officer.photoTooLarge', { name: file.name }));
    } else if (photos.length >= photoRules.maxCount) {
      if (!problems.includes(t('officer.photosTooMany'))) problems.push(t('officer.photosTooMany'));
    } else {
      photos.push(file);
    }
  }
  return { photos, problems };
}

/** A link that opens the site in Amap (app if installed, web otherwise); the point is sent as WGS-84. */
export function amapMarkerUrl(point: { lat: number; lng: number }, name: string): string {
  const query = new URLSearchParams({
    position: `${point.lng},${point.lat}`,
    name: name || 'Jiefang',
    src: 'jiefang-admin',
    coordinate: 'wgs84',
    callnative: '1',
  });
  return `https://uri.amap.com/marker?${query.toString()}`;
}

/** Location reports go out at most this often. */
export const LOCATION_INTERVAL_MS = 15_000;

/** Whether a new location report may be sent now. */
export function locationDue(lastSentAt: number | null, now: number): boolean {
  return lastSentAt === null || now - lastSentAt >= LOCATION_INTERVAL_MS;
}
