import { fileTypeFromBuffer } from 'file-type/core';
import sharp from 'sharp';
import { photoLimits } from '@jiefang/contracts';
import { HttpError } from '../../http/httpError';
import type { UploadedFile } from '../../http/multipart';

const acceptedTypes = new Map([
  ['image/jpeg', 'jpeg'],
  ['image/png', 'png'],
  ['image/webp', 'webp'],
] as const);

export interface ProcessedPhoto {
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
  data: Buffer;
  width: number;
  height: number;
  thumbnail: Buffer;
}

/**
 * Checks every upload before any is stored: the type comes from the magic bytes (never the name),
 * empty files, files over 10 MB and images whose header claims more than maxPixels are refused, the
 * last before anything is decoded.
 */
export async function assertAcceptablePhotos(
  files: readonly UploadedFile[],
  field = 'photos',
): Promise<void> {
  if (files.length < photoLimits.minCount || files.length > photoLimits.maxCount) {
    throw new HttpError(
      400,
      'validation_failed',
      `请上传 ${photoLimits.minCount}–${photoLimits.maxCount} 张照片`,
      {
        fields: [{ path: field, message: `1–${photoLimits.maxCount} photos` }],
      },
    );
  }
  for (const [index, file] of files.entries()) {
    if (file.size > photoLimits.maxBytes) {
      throw new HttpError(413, 'payload_too_large', '单张照片不能超过 10 MB', {
        fields: [{ path: `${field}.${index}`, message: 'larger than 10 MB' }],
      });
    }
    if (file.size === 0) {
      throw new HttpError(415, 'unsupported_media_type', '照片文件是空的', {
        fields: [{ path: `${field}.${index}`, message: 'empty file' }],
      });
    }
    const sniffed = await fileTypeFromBuffer(file.buffer);
    if (!sniffed || !acceptedTypes.has(sniffed.mime as 'image/jpeg')) {
      throw new HttpError(415, 'unsupported_media_type', '只支持 JPEG、PNG、WebP 格式的照片', {
        fields: [{ path: `${field}.${index}`, message: 'not a JPEG, PNG or WebP image' }],
        detected: sniffed?.mime ?? null,
      });
    }
    await assertPixelCount(file, `${field}.${index}`);
  }
}

/** Reads the dimensions from the image header only (sharp's metadata() does not decode pixels). */
async function assertPixelCount(file: UploadedFile, path: string): Promise<void> {
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(file.buffer).metadata());
  } catch {
    throw new HttpError(415, 'unsupported_media_type', '照片文件已损坏，无法读取', {
      fields: [{ path, message: 'unreadable image header' }],
    });
  }
  const pixels = (width ?? 0) * (height ?? 0);
  if (pixels > photoLimits.maxPixels) {
    throw new HttpError(
      413,
      'payload_too_large',
      `照片像素过大（${width}×${height}），请上传不超过 ${photoLimits.maxPixels / 1_000_000} 百万像素的照片`,
      {
        fields: [{ path, message: `more than ${photoLimits.maxPixels} pixels` }],
        width,
        height,
        maxPixels: photoLimits.maxPixels,
      },
    );
  }
}

/**
 * Re-encodes a photo so EXIF (GPS, device) and every other metadata block is dropped, keeping the
 * visible orientation, and makes a thumbnail.
 */
export async function processPhoto(file: UploadedFile): Promise<ProcessedPhoto> {
  const sniffed = await fileTypeFromBuffer(file.buffer);
  const format = sniffed && acceptedTypes.get(sniffed.mime as 'image/jpeg');
  if (!sniffed || !format)
    throw new HttpError(415, 'unsupported_media_type', '只支持 JPEG、PNG、WebP 格式的照片');
  try {
    // rotate() applies the EXIF orientation before sharp drops the metadata.
    const image = sharp(file.buffer, { failOn: 'error', limitInputPixels: photoLimits.maxPixels }).rotate();
    // Both encodings run at once on libvips' threads.
    const [{ data, info }, thumbnail] = await Promise.all([
      image
        .clone()
        .resize({ width: 2560, height: 2560, fit: 'inside', withoutEnlargement: true })
        .toFormat(format, format === 'jpeg' ? { quality: 85, mozjpeg: true } : {})
        .toBuffer({ resolveWithObject: true }),
      image.clone().resize({ width: 320, height: 320, fit: 'cover' }).jpeg({ quality: 75 }).toBuffer(),
    ]);
    return {
      contentType: sniffed.mime as ProcessedPhoto['contentType'],
      data,
      width: info.width,
      height: info.height,
      thumbnail,
    };
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(415, 'unsupported_media_type', '照片文件已损坏，无法读取');
  }
}
