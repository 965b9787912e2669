import type { Context } from 'koa';
import type { z } from 'zod';
import type { FieldError } from '@jiefang/contracts';
import { HttpError, badRequest } from './httpError';

export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
}

/** Parses the JSON body with a contracts schema: 415 for a non-JSON body, 400 with field paths when invalid. */
export function parseBody<Schema extends z.ZodType>(ctx: Context, schema: Schema): z.infer<Schema> {
  if (ctx.request.length && !ctx.is('application/json')) {
    throw new HttpError(415, 'unsupported_media_type', '请求体必须是 application/json');
  }
  const result = schema.safeParse((ctx.request as { body?: unknown }).body ?? {});
  if (!result.success) throw badRequest(fieldErrorsOf(result.error));
  return result.data;
}

export function parseQuery<Schema extends z.ZodType>(ctx: Context, schema: Schema): z.infer<Schema> {
  const result = schema.safeParse(ctx.query);
  if (!result.success) throw badRequest(fieldErrorsOf(result.error), '查询参数有误');
  return result.data;
}
