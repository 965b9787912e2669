import type Router from '@koa/router';
import {
  deviceListQuerySchema,
  registerDeviceRequestSchema,
  updateDeviceRequestSchema,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import { notFound } from '../../http/httpError';
import type { RouteRegistry } from '../../http/routeRegistry';
import { adminStreetOf, reachesDistrict } from '../../domain/staffScope';
import type { StaffDirectory } from '../dispatch/staffDirectory';
import type { DeviceRegistry } from './deviceRegistry';

/** The device registry: admins register, edit and re-key devices; staff see them with their state. */
export function deviceRoutes(
  api: RouteRegistry,
  registry: DeviceRegistry,
  staff: StaffDirectory,
): Router<AppState> {
  const { router, route } = api.router();

  route(
    { method: 'POST', path: '/api/devices', body: registerDeviceRequestSchema },
    async (ctx, { body }) => {
      ctx.status = 201;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await registry.register(body, adminStreetOf(callerOf(ctx.state)));
    },
  );

  /**
   * Street staff (squad leaders) and a street's administrator see their own street's devices;
   * dispatchers and the district's administrators all. An administrator's street is in their session.
   */
  const ownStreetOf = async (state: AppState): Promise<string | undefined> => {
    const caller = callerOf(state);
    if (reachesDistrict(caller)) return undefined;
    return adminStreetOf(caller) ?? (await staff.streetOf(caller.userId)) ?? '(none)';
  };

  route({ method: 'GET', path: '/api/devices', query: deviceListQuerySchema }, async (ctx, { query }) => {
    const ownStreet = await ownStreetOf(ctx.state);
    ctx.body = await registry.list(query, ownStreet);
  });

  route({ method: 'GET', path: '/api/devices/:id' }, async (ctx) => {
    const ownStreet = await ownStreetOf(ctx.state);
    const device = await registry.get(ctx.params.id ?? '');
    // Another street's device is answered as if it did not exist.
    if (ownStreet !== undefined && device.streetId !== ownStreet) throw notFound('设备不存在');
    ctx.body = device;
  });

  route(
    { method: 'PATCH', path: '/api/devices/:id', body: updateDeviceRequestSchema },
    async (ctx, { body }) => {
      ctx.body = await registry.update(ctx.params.id ?? '', body, adminStreetOf(callerOf(ctx.state)));
    },
  );

  route({ method: 'POST', path: '/api/devices/:id/rotate-secret' }, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await registry.rotateSecret(ctx.params.id ?? '', adminStreetOf(callerOf(ctx.state)));
  });

  return router;
}
