import { PassThrough } from 'node:stream';
import type Router from '@koa/router';
import { exportDatasets, exportFormatsOf, exportPath, exportQuerySchema } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { ExportService } from './exportService';

/** `attachment` with an ASCII fallback name and the real (Chinese) one per RFC 6266 / 5987. */
const disposition = (filename: string) =>
  `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, '_').replaceAll('"', '')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

/** GET /api/exports/<dataset>.<format>: checked first, then streamed as it is read. */
export function exportRoutes(api: RouteRegistry, service: ExportService): Router<AppState> {
  const { router, route } = api.router();
  for (const dataset of exportDatasets) {
    for (const format of exportFormatsOf[dataset]) {
      route(
        { method: 'GET', path: exportPath(dataset, format), query: exportQuerySchema },
        async (ctx, { query }) => {
          const prepared = await service.prepare(callerOf(ctx.state), dataset, format, query);
          ctx.set('Content-Disposition', disposition(prepared.filename));
          ctx.set('Cache-Control', 'no-store');
          ctx.type = prepared.contentType;
          const body = new PassThrough();
          ctx.body = body;
          // Headers are gone once the first byte is: a failure midway can only cut the download short.
          prepared.write(body).catch((error: unknown) => {
            ctx.state.logger.warn({ err: error, dataset, format }, 'export stopped midway');
            body.destroy(error instanceof Error ? error : new Error(String(error)));
          });
        },
      );
    }
  }
  return router;
}
