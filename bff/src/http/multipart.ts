import type { Context } from 'koa';
import multer from 'multer';
import { photoLimits } from '@jiefang/contracts';
import { HttpError } from './httpError';
import { prototypeKeyError, prototypeKeyPath } from './prototypeKeys';

/** A file as the multipart reader hands it over. */
export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: UploadedFile[];
}

const parser = multer({
  storage: multer.memoryStorage(),
  limits: {
    fileSize: photoLimits.maxBytes,
    files: photoLimits.maxCount,
    fields: 20,
    fieldSize: 4 * 1024,
    parts: photoLimits.maxCount + 20,
  },
}).array('photos', photoLimits.maxCount);

/**
 * Reads a multipart/form-data request into memory with hard limits: a file over 10 MB is cut off and
 * answered with 413 before it is read to the end.
 */
export async function readMultipart(ctx: Context): Promise<MultipartBody> {
  if (!ctx.is('multipart/form-data')) {
    throw new HttpError(415, 'unsupported_media_type', '请求体必须是 multipart/form-data');
  }
  const request = ctx.req as typeof ctx.req & {
    body?: Record<string, string>;
    files?: Express.Multer.File[];
  };
  await new Promise<void>((resolve, reject) => {
    parser(request as never, ctx.res as never, (error: unknown) =>
      error ? reject(toHttpError(error)) : resolve(),
    );
  });
  const badField = prototypeKeyPath(request.body);
  if (badField !== null) throw prototypeKeyError(badField);
  return {
    fields: { ...(request.body ?? {}) },
    files: (request.files ?? []).map((file) => ({
      originalname: file.originalname,
      buffer: file.buffer,
      size: file.size,
    })),
  };
}

function toHttpError(error: unknown): unknown {
  if (!(error instanceof multer.MulterError)) {
    return new HttpError(400, 'validation_failed', '上传内容无法解析', {
      fields: [{ path: 'photos', message: String(error) }],
    });
  }
  switch (error.code) {
    case 'LIMIT_FILE_SIZE':
      return new HttpError(413, 'payload_too_large', '单张照片不能超过 10 MB', {
        fields: [{ path: error.field ?? 'photos', message: 'larger than 10 MB' }],
      });
    case 'LIMIT_FILE_COUNT':
    case 'LIMIT_UNEXPECTED_FILE':
      return new HttpError(400, 'validation_failed', `最多上传 ${photoLimits.maxCount} 张照片`, {
        fields: [{ path: error.field ?? 'photos', message: error.message }],
      });
    default:
      return new HttpError(400, 'validation_failed', '上传内容超出限制', {
        fields: [{ path: error.field ?? '(body)', message: error.message }],
      });
  }
}
