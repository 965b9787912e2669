import { PhotoUnavailableError } from './submission';
import { compressionPlan, photoProblem } from './form';
import type { DraftPhoto } from './draft';

/**
 * H5 photos: chosen with a plain file input, shrunk on a canvas (which also drops EXIF), kept as Blobs in
 * memory while the form is open and in IndexedDB once they belong to a draft, so a retry after a reload
 * sends the very same bytes.
 */

const memory = new Map<string, Blob>();
const objectUrls = new Map<string, string>();
const dbName = 'jiefang';
const storeName = 'reportPhotos';
const refPrefix = 'h5photo:';

let counter = 0;
function newRef(): string {
  counter += 1;
  return `${refPrefix}${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 8)}`;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('no IndexedDB'));
      return;
    }
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = action(db.transaction(storeName, mode).objectStore(storeName));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

function loadImage(blob: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(blob);
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('cannot decode image'));
    };
    image.src = url;
  });
}

/** A JPEG no larger than the plan says, or the original file when shrinking would not help. */
async function compress(file: File): Promise<Blob> {
  try {
    const image = await loadImage(file);
    const plan = compressionPlan({ size: file.size, width: image.naturalWidth, height: image.naturalHeight });
    if (!plan) return file;
    const canvas = document.createElement('canvas');
    canvas.width = plan.width;
    canvas.height = plan.height;
    const context = canvas.getContext('2d');
    if (!context) return file;
    context.drawImage(image, 0, 0, plan.width, plan.height);
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', plan.quality),
    );
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

export interface PickedH5Photos {
  photos: Array<DraftPhoto & { url: string }>;
  /** Why some files were left out, if any were. */
  problem?: string;
}

/** Turns the files of an <input type=file> into photos for the form (at most `room` of them). */
export async function photosFromFiles(files: readonly File[], room: number): Promise<PickedH5Photos> {
  const photos: PickedH5Photos['photos'] = [];
  let problem: string | undefined;
  for (const file of files) {
    if (photos.length >= room) break;
    // The size is checked after shrinking: a large camera photo usually becomes small enough.
    const refused = photoProblem({ size: Math.min(file.size, 1), contentType: file.type });
    if (refused) {
      problem ??= refused;
      continue;
    }
    const blob = await compress(file);
    const afterwards = photoProblem({ size: blob.size, contentType: blob.type || file.type });
    if (afterwards) {
      problem ??= afterwards;
      continue;
    }
    const ref = newRef();
    memory.set(ref, blob);
    const ext = blob.type === 'image/png' ? 'png' : blob.type === 'image/webp' ? 'webp' : 'jpg';
    photos.push({
      ref,
      name: `photo-${photos.length + 1}.${ext}`,
      size: blob.size,
      contentType: blob.type || file.type,
      url: displayUrl(ref, blob),
    });
  }
  return { photos, ...(problem ? { problem } : {}) };
}

function displayUrl(ref: string, blob: Blob): string {
  let url = objectUrls.get(ref);
  if (!url) {
    url = URL.createObjectURL(blob);
    objectUrls.set(ref, url);
  }
  return url;
}

/** Keeps the draft's photos in IndexedDB; without IndexedDB they stay in memory for this visit. */
export async function persistH5Photos(photos: readonly DraftPhoto[]): Promise<void> {
  for (const photo of photos) {
    const blob = memory.get(photo.ref);
    if (!blob) continue;
    try {
      await withStore('readwrite', (store) => store.put(blob, photo.ref));
    } catch {
      return;
    }
  }
}

export async function readH5Photo(ref: string): Promise<Blob> {
  const cached = memory.get(ref);
  if (cached) return cached;
  let stored: unknown;
  try {
    stored = await withStore('readonly', (store) => store.get(ref));
  } catch {
    stored = undefined;
  }
  if (!(stored instanceof Blob)) throw new PhotoUnavailableError(`photo ${ref} is gone`);
  memory.set(ref, stored);
  return stored;
}

/** Display URLs of a restored draft's photos; a missing photo gets no URL. */
export async function restoreH5Photos(
  photos: readonly DraftPhoto[],
): Promise<Array<DraftPhoto & { url: string | undefined }>> {
  return Promise.all(
    photos.map(async (photo) => {
      try {
        return { ...photo, url: displayUrl(photo.ref, await readH5Photo(photo.ref)) };
      } catch {
        return { ...photo, url: undefined };
      }
    }),
  );
}

export async function removeH5Photos(refs: readonly string[]): Promise<void> {
  for (const ref of refs) {
    memory.delete(ref);
    const url = objectUrls.get(ref);
    if (url) URL.revokeObjectURL(url);
    objectUrls.delete(ref);
    try {
      await withStore('readwrite', (store) => store.delete(ref));
    } catch {
      // nothing kept
    }
  }
}
