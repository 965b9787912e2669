import Router from '@koa/router';
import type { AppState } from '../../http/appState';
import { forbidden, notFound } from '../../http/httpError';
import type { PhotoLinks } from './photoLinks';
import type { PhotoStore } from './photoStore';

export function photoRoutes(store: PhotoStore, links: PhotoLinks): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/api/photos/:id', async (ctx) => {
    const id = ctx.params.id ?? '';
    const { expires, signature } = ctx.query as Record<string, string | undefined>;
    if (!links.verify(id, expires, signature)) throw forbidden('照片链接无效或已过期');
    const file = await store.open(id);
    if (!file) throw notFound('照片不存在');
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.type = file.contentType;
    ctx.length = file.length;
    ctx.body = file.stream;
  });
  return router;
}
