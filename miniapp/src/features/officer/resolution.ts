import type { Ticket } from '@jiefang/contracts';
import { ApiError } from '../../api/client';
import type { UploadPhoto } from '../../api/upload';
import { refusedPhotoIndexes } from '../report/photoUploads';

/** An after-photo on the resolve form: where it is kept, and its upload id once sent. */
export interface AfterPhoto extends UploadPhoto {
  size: number;
  /** What the form shows (a file path or an object URL). */
  url: string;
  uploadedId?: string;
}

export type ResolveProgress =
  /** Photo `photo` (1-based) of `photos`, `sent` of `total` bytes (total 0 while unknown). */
  | { stage: 'uploading'; photo: number; photos: number; sent: number; total: number }
  | { stage: 'submitting' };

/** The bar's fill (0–100): the photos fill up to 90 % by their bytes, the resolve itself the rest. */
export function resolvePercent(progress: ResolveProgress): number {
  if (progress.stage === 'submitting') return 95;
  const current = progress.total > 0 ? Math.min(1, progress.sent / progress.total) : 0;
  const share = progress.photos > 0 ? Math.min(1, (progress.photo - 1 + current) / progress.photos) : 0;
  return Math.round(90 * share);
}

export interface ResolveIo {
  uploadPhoto(photo: UploadPhoto, onProgress: (sent: number, total: number) => void): Promise<string>;
  resolve(note: string, photoIds: string[]): Promise<Ticket>;
  /** Each photo's upload id as soon as it has one, so that a retry uploads only what is missing. */
  onUploaded(index: number, id: string | undefined): void;
  onProgress(progress: ResolveProgress): void;
}

/**
 * Sends a resolution the way wx.uploadFile allows (one file per request): each after-photo not yet
 * uploaded to POST /api/photos, then the resolve naming them. Uploads the BFF no longer has (422 naming
 * `photoIds.N`) are forgotten so that the retry sends them again.
 */
export async function sendResolution(
  note: string,
  photos: readonly AfterPhoto[],
  io: ResolveIo,
): Promise<Ticket> {
  const ids: string[] = [];
  for (const [index, photo] of photos.entries()) {
    let id = photo.uploadedId;
    if (!id) {
      io.onProgress({ stage: 'uploading', photo: index + 1, photos: photos.length, sent: 0, total: 0 });
      id = await io.uploadPhoto(photo, (sent, total) =>
        io.onProgress({ stage: 'uploading', photo: index + 1, photos: photos.length, sent, total }),
      );
      io.onUploaded(index, id);
    }
    ids.push(id);
  }
  io.onProgress({ stage: 'submitting' });
  try {
    return await io.resolve(note, ids);
  } catch (error) {
    if (error instanceof ApiError)
      for (const index of refusedPhotoIndexes(error)) io.onUploaded(index, undefined);
    throw error;
  }
}
