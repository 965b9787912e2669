import type { Middleware } from 'koa';
import type { AppState } from './appState';
import { HttpError } from './httpError';

/** Keys that reach an object's prototype when merged or assigned; no contract uses them. */
const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first prototype key in a parsed JSON value, walked iteratively (no deep recursion). */
export function prototypeKeyPath(value: unknown): string | null {
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (pending.length) {
    const item = pending.pop() as { value: unknown; path: string };
    if (item.value === null || typeof item.value !== 'object') continue;
    for (const key of Object.keys(item.value)) {
      const path = item.path ? `${item.path}.${key}` : key;
      if (prototypeKeys.has(key)) return path;
      pending.push({ value: (item.value as Record<string, unknown>)[key], path });
    }
  }
  return null;
}

export const prototypeKeyError = (path: string) =>
  new HttpError(400, 'validation_failed', '请求中含有不允许的字段名', {
    fields: [{ path, message: 'prototype keys (__proto__, constructor, prototype) are not allowed' }],
  });

/**
 * Refuses a request whose JSON body or query string holds a prototype key, with 400 before any handler.
 * (The JSON parser already refuses `__proto__` itself; errorMiddleware gives that the same answer.)
 */
export const refusePrototypeKeys: Middleware<AppState> = async (ctx, next) => {
  const path = prototypeKeyPath((ctx.request as { body?: unknown }).body) ?? prototypeKeyPath(ctx.query);
  if (path !== null) throw prototypeKeyError(path);
  await next();
};
