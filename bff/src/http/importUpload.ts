import type { Context } from 'koa';
import multer from 'multer';
import { HttpError, badRequest } from './httpError';

/** The one file of an import upload: the form field it comes in and its largest size. */
export interface ImportUploadLimits {
  field: string;
  maxBytes: number;
}

type Parser = ReturnType<ReturnType<typeof multer>['single']>;
const parsers = new Map<string, Parser>();

const parserFor = ({ field, maxBytes }: ImportUploadLimits): Parser => {
  const key = `${field}:${maxBytes}`;
  let parser = parsers.get(key);
  if (!parser) {
    parser = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
    }).single(field);
    parsers.set(key, parser);
  }
  return parser;
};

function toHttpError(error: unknown, { field, maxBytes }: ImportUploadLimits): HttpError {
  const megabytes = maxBytes / 1024 / 1024;
  if (!(error instanceof multer.MulterError)) {
    return badRequest([{ path: field, message: String(error) }], '上传内容无法解析');
  }
  if (error.code === 'LIMIT_FILE_SIZE') {
    return new HttpError(413, 'payload_too_large', `文件不能超过 ${megabytes} MB`, {
      fields: [{ path: field, message: `larger than ${megabytes} MB` }],
    });
  }
  return badRequest(
    [{ path: error.field ?? field, message: error.message }],
    `请只上传一个文件（字段名 ${field}）`,
  );
}

/**
 * Reads the one file of a multipart/form-data import (staff, devices, households) into memory, cut off at
 * the size limit (413 before the rest is read).
 */
export async function readImportUpload(ctx: Context, limits: ImportUploadLimits): Promise<Buffer> {
  const { field } = limits;
  if (!ctx.is('multipart/form-data')) {
    throw new HttpError(415, 'unsupported_media_type', '请求体必须是 multipart/form-data');
  }
  const request = ctx.req as typeof ctx.req & { file?: Express.Multer.File };
  await new Promise<void>((resolve, reject) => {
    parserFor(limits)(request as never, ctx.res as never, (error: unknown) =>
      error ? reject(toHttpError(error, limits)) : resolve(),
    );
  });
  if (!request.file || request.file.size === 0) {
    throw badRequest([{ path: field, message: '请选择 .xlsx 或 .csv 文件' }], '没有收到文件');
  }
  return request.file.buffer;
}
