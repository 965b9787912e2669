import type Router from '@koa/router';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { Clock } from '../../infra/clock';
import { HttpError, forbidden, notFound } from '../../http/httpError';
import { readMultipart } from '../../http/multipart';
import type { RateLimit } from '../../http/rateLimit';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { PhotoLinks } from './photoLinks';
import { assertAcceptablePhotos, processPhoto } from './photoProcessing';
import type { PhotoStore } from './photoStore';
import type { PhotoUploads } from './photoUploads';

export interface PhotoRoutesDeps {
  store: PhotoStore;
  links: PhotoLinks;
  uploads: PhotoUploads;
  uploadRateLimit: RateLimit;
  clock: Clock;
}

export function photoRoutes(api: RouteRegistry, deps: PhotoRoutesDeps): Router<AppState> {
  const { router, route } = api.router();

  // One photo per request (wx.uploadFile sends one file), checked and stripped like a report's own.
  route({ method: 'POST', path: '/api/photos' }, async (ctx) => {
    const caller = callerOf(ctx.state);
    await deps.uploadRateLimit.consume(caller.userId);
    const { files } = await readMultipart(ctx);
    if (files.length !== 1) {
      throw new HttpError(400, 'validation_failed', '每次上传 1 张照片', {
        fields: [{ path: 'photos', message: 'exactly one photo per upload' }],
      });
    }
    await assertAcceptablePhotos(files);
    const stored = await deps.store.save(await processPhoto(files[0]!), {
      uploadedBy: caller.userId,
      kind: 'report',
    });
    try {
      await deps.uploads.register(caller.userId, stored, deps.clock.now());
    } catch (error) {
      await deps.store.remove([stored.id, stored.thumbnailId]).catch(() => undefined);
      throw error;
    }
    ctx.status = 201;
    ctx.body = deps.links.refs([stored])[0];
  });

  // A signed, expiring link: the signature is the access check.
  route({ method: 'GET', path: '/api/photos/:id' }, async (ctx) => {
    const id = ctx.params.id ?? '';
    const { expires, signature } = ctx.query as Record<string, string | undefined>;
    if (!deps.links.verify(id, expires, signature)) throw forbidden('照片链接无效或已过期');
    const file = await deps.store.open(id);
    if (!file) throw notFound('照片不存在');
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.type = file.contentType;
    ctx.length = file.length;
    ctx.body = file.stream;
  });
  return router;
}
