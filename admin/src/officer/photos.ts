import { photoLimits } from '@jiefang/contracts';
import { t } from '../i18n';

/** The image types the BFF decodes (contracts names the counts and sizes, not the types). */
const photoTypes: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];
/** The file picker's `accept`. */
export const photoAccept = photoTypes.join(',');

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
    if (!photoTypes.includes(file.type)) {
      problems.push(t('officer.photoWrongType', { name: file.name }));
    } else if (file.size > photoLimits.maxBytes || file.size === 0) {
      problems.push(t('officer.photoTooLarge', { name: file.name }));
    } else if (photos.length >= photoLimits.maxCount) {
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
