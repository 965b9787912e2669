import Router from '@koa/router';
import type { Model } from 'mongoose';
import { createHouseholdRequestSchema, type Household } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { badRequest, conflict, forbidden, notFound } from '../../http/httpError';
import { parseBody } from '../../http/validate';
import type { Clock } from '../../infra/clock';
import type { AccessTokens } from '../auth/accessTokens';
import { callerOf, requireAuth, requireRole } from '../auth/authMiddleware';
import { findStreet, type District } from '../district/district';
import type { HouseholdDocument } from './householdModel';

export const householdView = (household: HouseholdDocument): Household => ({
  id: household._id,
  streetId: household.streetId,
  address: household.address,
  ownerIds: household.ownerIds,
  contacts: household.contacts,
  chargingAlarmCount: household.chargingAlarmIds.length,
});

/** Households with detectors: staff register them; owners see their own. */
export function householdRoutes(deps: {
  households: Model<HouseholdDocument>;
  district: District;
  tokens: AccessTokens;
  clock: Clock;
}): Router<AppState> {
  const router = new Router<AppState>();
  const staffRoles = ['admin', 'community_worker', 'dispatcher', 'squad_leader'] as const;
  router.use('/api/households', requireAuth(deps.tokens));

  router.post('/api/households', requireRole('admin', 'community_worker'), async (ctx) => {
    const request = parseBody(ctx, createHouseholdRequestSchema);
    const street = findStreet(deps.district, request.street);
    if (!street) throw badRequest([{ path: 'street', message: `没有这个街道：${request.street}` }]);
    try {
      const created = await deps.households.create({
        _id: request.id,
        streetId: street.properties.id,
        address: request.address,
        ownerIds: request.ownerIds,
        contacts: request.contacts,
        chargingAlarmIds: [],
        createdAt: deps.clock.now(),
      });
      ctx.status = 201;
      ctx.body = householdView(created.toObject());
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw conflict('住户编号已存在', { field: 'id' });
      throw error;
    }
  });

  router.get('/api/households', async (ctx) => {
    const caller = callerOf(ctx.state);
    const isStaff = caller.roles.some((role) => (staffRoles as readonly string[]).includes(role));
    const filter = isStaff && ctx.query.mine !== '1' ? {} : { ownerIds: caller.userId };
    const items = await deps.households.find(filter).sort({ _id: 1 }).limit(200).lean<HouseholdDocument[]>();
    ctx.body = { items: items.map(householdView) };
  });

  router.get('/api/households/:id', async (ctx) => {
    const caller = callerOf(ctx.state);
    const household = await deps.households.findById(ctx.params.id ?? '').lean<HouseholdDocument>();
    if (!household) throw notFound('住户不存在');
    const isStaff = caller.roles.some((role) => (staffRoles as readonly string[]).includes(role));
    if (!isStaff && !household.ownerIds.includes(caller.userId)) throw forbidden('只能查看自己的房屋');
    ctx.body = householdView(household);
  });

  return router;
}
