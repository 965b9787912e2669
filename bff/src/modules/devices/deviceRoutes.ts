import Router from '@koa/router';
import {
  deviceListQuerySchema,
  registerDeviceRequestSchema,
  updateDeviceRequestSchema,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { parseBody, parseQuery } from '../../http/validate';
import type { AccessTokens } from '../auth/accessTokens';
import { callerOf, requireAuth, requireRole } from '../auth/authMiddleware';
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

  router.get('/api/devices', async (ctx) => {
    const caller = callerOf(ctx.state);
    const seesAll = caller.roles.includes('admin') || caller.roles.includes('dispatcher');
    const ownStreet = seesAll ? undefined : ((await staff.streetOf(caller.userId)) ?? '(none)');
    ctx.body = await registry.list(parseQuery(ctx, deviceListQuerySchema), ownStreet);
  });

  router.get('/api/devices/:id', async (ctx) => {
    ctx.body = await registry.get(ctx.params.id ?? '');
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
