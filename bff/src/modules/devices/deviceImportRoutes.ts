import type Router from '@koa/router';
import { deviceImportFileField, deviceImportLimits } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import { readImportUpload } from '../../http/importUpload';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { District } from '../district/district';
import type { DeviceImport } from './deviceImport';
import { deviceImportTemplate } from './deviceImportWorkbooks';

const deviceUpload = { field: deviceImportFileField, maxBytes: deviceImportLimits.maxBytes };

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with an ASCII fallback name and the real (Chinese) one per RFC 6266 / 5987. */
const disposition = (ascii: string, filename: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

/** Bulk registration of devices: the template, a preview that writes nothing, and the import. */
export function deviceImportRoutes(
  api: RouteRegistry,
  imports: DeviceImport,
  district: District,
): Router<AppState> {
  const { router, route } = api.router();

  route({ method: 'GET', path: '/api/devices/import/template' }, async (ctx) => {
    ctx.set('Content-Disposition', disposition('device-import-template.xlsx', '设备导入模板.xlsx'));
    ctx.type = xlsxType;
    ctx.body = await deviceImportTemplate(district);
  });

  route({ method: 'POST', path: '/api/devices/import/preview' }, async (ctx) => {
    ctx.body = await imports.preview(callerOf(ctx.state), await readImportUpload(ctx, deviceUpload));
  });

  route({ method: 'POST', path: '/api/devices/import' }, async (ctx) => {
    const caller = callerOf(ctx.state);
    const result = await imports.commit(caller, await readImportUpload(ctx, deviceUpload));
    // Totals only: the secrets are in the answer and nowhere else (not in logs, not in the audit log).
    ctx.state.logger.info({ importedBy: caller.userId, totals: result.totals }, 'devices imported');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = result;
  });

  return router;
}
