import type { Context } from 'koa';
import multer from 'multer';
import { staffImportFileField, staffImportLimits } from '@jiefang/contracts';
import { HttpError, badRequest } from '../../http/httpError';

const parser = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: staffImportLimits.maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
}).single(staffImportFileField);

const megabytes = staffImportLimits.maxBytes / 1024 / 1024;

function toHttpError(error: unknown): HttpError {
  if (!(error instanceof multer.MulterError)) {
    return badRequest([{ path: staffImportFileField, message: String(error) }], '上传内容无法解析');
  }
  if (error.code === 'LIMIT_FILE_SIZE') {
    return new HttpError(413, 'payload_too_large', `文件不能超过 ${megabytes} MB`, {
      fields: [{ path: staffImportFileField, message: `larger than ${megabytes} MB` }],
    });
  }
  return badRequest(
    [{ path: error.field ?? staffImportFileField, message: error.message }],
    `请只上传一个文件（字段名 ${staffImportFileField}）`,
  );
}

/**
 * Reads the one file of a multipart/form-data staff import into memory, cut off at the size limit
 * (413 before the rest is read).
 */
export async function readImportUpload(ctx: Context): Promise<Buffer> {
  if (!ctx.is('multipart/form-data')) {
    throw new HttpError(415, 'unsupported_media_type', '请求体必须是 multipart/form-data');
  }
  const request = ctx.req as typeof ctx.req & { file?: Express.Multer.File };
  await new Promise<void>((resolve, reject) => {
    parser(request as never, ctx.res as never, (error: unknown) =>
      error ? reject(toHttpError(error)) : resolve(),
    );
  });
  if (!request.file || request.file.size === 0) {
    throw badRequest([{ path: staffImportFileField, message: '请选择 .xlsx 或 .csv 文件' }], '没有收到文件');
  }
  return request.file.buffer;
}
