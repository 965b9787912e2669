import fs from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
import send from 'koa-send';
import type { AppState } from './appState';

/**
 * Serves a built single-page app under a path prefix (the admin panel at /admin, the H5 mini-program
 * at /h5); unknown paths under the prefix get index.html so client-side routes survive a reload.
 */
export function staticSite(prefix: string, root: string): Middleware<AppState> {
  const absoluteRoot = path.resolve(root);
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === prefix) return ctx.redirect(`${prefix}/`);
    if (!ctx.path.startsWith(`${prefix}/`)) return next();
    const relative = ctx.path.slice(prefix.length + 1) || 'index.html';
    const file = path.join(absoluteRoot, relative);
    const servesFile = file.startsWith(absoluteRoot) && fs.existsSync(file) && fs.statSync(file).isFile();
    const hashed = /\.[0-9a-f]{8,}\.(js|css)$/.test(relative) || relative.startsWith('assets/');
    await send(ctx, servesFile ? relative : 'index.html', {
      root: absoluteRoot,
      maxage: servesFile && hashed ? 365 * 24 * 3600 * 1000 : 0,
      immutable: servesFile && hashed,
    });
  };
}
