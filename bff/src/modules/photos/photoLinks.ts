import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PhotoRef } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import type { StoredPhotoRef } from './storedPhotoRef';

/**
 * Photo URLs are signed and expire: the BFF hands them only to callers allowed to see the ticket, and
 * an <img> tag can load them without an Authorization header.
 */
export function photoLinks(secret: string, clock: Clock, lifetimeSeconds = 3600) {
  const key = createHmac('sha256', secret).update('photo-links').digest();
  const signatureOf = (id: string, expires: number) =>
    createHmac('sha256', key).update(`${id}.${expires}`).digest('base64url');

  const url = (id: string) => {
    const expires = Math.floor(clock.now().getTime() / 1000) + lifetimeSeconds;
    return `/api/photos/${id}?expires=${expires}&signature=${signatureOf(id, expires)}`;
  };

  return {
    refs(photos: readonly StoredPhotoRef[]): PhotoRef[] {
      return photos.map((photo) => ({
        id: photo.id,
        url: url(photo.id),
        thumbnailUrl: url(photo.thumbnailId),
      }));
    },
    verify(id: string, expires: string | undefined, signature: string | undefined): boolean {
      const expiresAt = Number(expires);
      if (!signature || !Number.isInteger(expiresAt)) return false;
      if (expiresAt < Math.floor(clock.now().getTime() / 1000)) return false;
      const expected = Buffer.from(signatureOf(id, expiresAt));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

export type PhotoLinks = ReturnType<typeof photoLinks>;
