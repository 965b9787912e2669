import Router from '@koa/router';
import {
  deviceListQuerySchema,
  registerDeviceRequestSchema,
  updateDeviceRequestSchema,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { notFound } from '../../http/httpError';
import { parseBody, parseQuery } from '../../http/validate';
import type { AccessTokens } from '../auth/accessTokens';
import { callerOf, requireAuth, requireRole } from '../../http/callerAccess';
import type { StaffDirectory } from '../dispatch/staffDirectory';
import type { DeviceRegistry } from './deviceRegistry';

/** The device registry: admins register, edit and re-key devices; staff see them with their state. */
export function deviceRoutes(
  registry: DeviceRegistry,
  tokens: AccessTokens,
  staff: StaffDirectory,
): Router<AppState> {
  const router = new Router<AppState>();
  const adminOnly = requireRole('admin');
  router.use('/api/devices', requireAuth(tokens), requireRole('admin', 'dispatcher', 'squad_leader'));

  router.post('/api/devices', adminOnly, async (ctx) => {
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await registry.register(parseBody(ctx, registerDeviceRequestSchema));
  });

  /** Street staff (squad leaders) see their own street's devices; dispatchers and admins all. */
  const ownStreetOf = async (state: AppState): Promise<string | undefined> => {
    const caller = callerOf(state);
    const seesAll = caller.roles.includes('admin') || caller.roles.includes('dispatcher');
    return seesAll ? undefined : ((await staff.streetOf(caller.userId)) ?? '(none)');
  };

  router.get('/api/devices', async (ctx) => {
    const ownStreet = await ownStreetOf(ctx.state);
    ctx.body = await registry.list(parseQuery(ctx, deviceListQuerySchema), ownStreet);
  });

  router.get('/api/devices/:id', async (ctx) => {
    const ownStreet = await ownStreetOf(ctx.state);
    const device = await registry.get(ctx.params.id ?? '');
    // Another street's device is answered as if it did not exist.
    if (ownStreet !== undefined && device.streetId !== ownStreet) throw notFound('设备不存在');
    ctx.body = device;
  });

  router.patch('/api/devices/:id', adminOnly, async (ctx) => {
    ctx.body = await registry.update(ctx.params.id ?? '', parseBody(ctx, updateDeviceRequestSchema));
  });

  router.post('/api/devices/:id/rotate-secret', adminOnly, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await registry.rotateSecret(ctx.params.id ?? '');
  });

  return router;
}
