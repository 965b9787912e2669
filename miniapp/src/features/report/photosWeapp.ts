import Taro from '@tarojs/taro';
import type { DraftPhoto } from './draft';
import { imageContentType } from './photoType';
import { maxPhotoBytes } from './form';

/**
 * Mini-program photos: chosen with `chooseMedia` (images only, compressed by WeChat), shrunk again with
 * `compressImage` when still large, and copied out of the temporary folder into the user data folder once
 * they belong to a draft, so that a retry after the app was closed still finds them.
 */

const draftDir = () => `${Taro.env.USER_DATA_PATH}/jf-report-drafts`;
const largeBytes = 2 * 1024 * 1024;

function fs() {
  return Taro.getFileSystemManager();
}

async function shrinkIfLarge(path: string, size: number): Promise<{ path: string; size: number }> {
  if (size <= largeBytes) return { path, size };
  try {
    const { tempFilePath } = await Taro.compressImage({ src: path, quality: 70 });
    const info = fs().statSync(tempFilePath) as { size?: number };
    return { path: tempFilePath, size: info.size ?? size };
  } catch {
    return { path, size };
  }
}

export interface PickedWeappPhotos {
  photos: Array<DraftPhoto & { url: string }>;
  tooLarge: number;
}

/** Camera or album, up to `room` images; undefined when the resident cancelled. */
export async function pickWeappPhotos(room: number): Promise<PickedWeappPhotos | undefined> {
  let result: Taro.chooseMedia.SuccessCallbackResult;
  try {
    result = await Taro.chooseMedia({
      count: room,
      mediaType: ['image'],
      sourceType: ['camera', 'album'],
      sizeType: ['compressed'],
      camera: 'back',
    });
  } catch {
    return undefined;
  }
  const photos: PickedWeappPhotos['photos'] = [];
  let tooLarge = 0;
  for (const file of result.tempFiles.slice(0, room)) {
    const shrunk = await shrinkIfLarge(file.tempFilePath, file.size);
    if (shrunk.size > maxPhotoBytes) {
      tooLarge += 1;
      continue;
    }
    photos.push({
      ref: shrunk.path,
      url: shrunk.path,
      name: `photo-${photos.length + 1}.${shrunk.path.split('.').pop() ?? 'jpg'}`,
      size: shrunk.size,
      contentType: imageContentType(shrunk.path),
    });
  }
  return { photos, tooLarge };
}

/** Copies temporary photos into the draft folder; returns the photos with their kept paths. */
export function persistWeappPhotos(photos: readonly DraftPhoto[], key: string): DraftPhoto[] {
  const dir = draftDir();
  try {
    fs().accessSync(dir);
  } catch {
    fs().mkdirSync(dir, true);
  }
  return photos.map((photo, index) => {
    if (photo.ref.startsWith(dir)) return photo;
    const ext = photo.ref.split('.').pop() ?? 'jpg';
    const kept = `${dir}/${key}-${index + 1}.${ext}`;
    fs().copyFileSync(photo.ref, kept);
    return { ...photo, ref: kept };
  });
}

export function weappPhotoExists(ref: string): boolean {
  try {
    fs().accessSync(ref);
    return true;
  } catch {
    return false;
  }
}

export function removeWeappPhotos(refs: readonly string[]): void {
  const dir = draftDir();
  for (const ref of refs) {
    if (!ref.startsWith(dir)) continue;
    try {
      fs().unlinkSync(ref);
    } catch {
      // already gone
    }
  }
}
