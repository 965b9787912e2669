import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { staffImportFileField, staffImportLimits } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import { forbidden } from '../../http/httpError';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { District } from '../district/district';
import type { StaffImport } from './staffImport';
import { readImportUpload } from '../../http/importUpload';
import { staffImportTemplate } from './staffImportWorkbooks';

/** As for single accounts: a dev-login admin must not mint lasting staff access. */
const refuseDevLogin: Middleware<AppState> = async (ctx, next) => {
  if (callerOf(ctx.state).viaDevLogin) throw forbidden('开发登录不能管理工作人员账号，请使用账号密码登录');
  await next();
};

const staffUpload = { field: staffImportFileField, maxBytes: staffImportLimits.maxBytes };

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with an ASCII fallback name and the real (Chinese) one per RFC 6266 / 5987. */
const disposition = (ascii: string, filename: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

export function staffImportRoutes(
  api: RouteRegistry,
  imports: StaffImport,
  district: District,
): Router<AppState> {
  const { router, route } = api.router();

  route({ method: 'GET', path: '/api/users/import/template' }, async (ctx) => {
    ctx.set('Content-Disposition', disposition('staff-import-template.xlsx', '工作人员导入模板.xlsx'));
    ctx.type = xlsxType;
    ctx.body = await staffImportTemplate(district);
  });

  route({ method: 'POST', path: '/api/users/import/preview', guards: [refuseDevLogin] }, async (ctx) => {
    ctx.body = await imports.preview(callerOf(ctx.state), await readImportUpload(ctx, staffUpload));
  });

  route({ method: 'POST', path: '/api/users/import', guards: [refuseDevLogin] }, async (ctx) => {
    const caller = callerOf(ctx.state);
    const result = await imports.commit(caller, await readImportUpload(ctx, staffUpload));
    ctx.state.logger.info({ importedBy: caller.userId, totals: result.totals }, 'staff imported');
    // The one-time passwords are in this answer only: no cache may keep it.
    ctx.set('Cache-Control', 'no-store');
    ctx.body = result;
  });

  return router;
}
