import type Router from '@koa/router';
import { createHouseholdRequestSchema, householdListQuerySchema, type Household } from '@jiefang/contracts';
import { maskPhone } from '../../domain/escortRules';
import type { AppState, Caller } from '../../http/appState';
import { badRequest, conflict, forbidden, notFound } from '../../http/httpError';
import type { Clock } from '../../infra/clock';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { StaffDirectory } from '../dispatch/staffDirectory';
import { findStreet, type District } from '../district/district';
import type { HouseholdDocument } from './householdModel';
import type { HouseholdStore } from './householdStore';

/** The contacts' phones in full only for those who call them: see `householdScope`. */
export const householdView = (household: HouseholdDocument, options: { fullPhones: boolean }): Household => ({
  id: household._id,
  streetId: household.streetId,
  address: household.address,
  ownerIds: household.ownerIds,
  contacts: household.contacts.map((contact) =>
    options.fullPhones ? contact : { ...contact, phone: maskPhone(contact.phone) },
  ),
  chargingAlarmCount: household.chargingAlarmIds.length,
});

/**
 * Who sees which households: district staff (dispatchers, admins) all; street staff (community
 * workers, squad leaders) their own street's; everyone else the households they own.
 */
interface HouseholdScope {
  districtWide: boolean;
  /** The street of a community worker or squad leader; null for others or when they have none. */
  streetId: string | null;
  streetStaff: boolean;
}

/** Households with detectors: staff register them; owners see their own. */
export function householdRoutes(
  api: RouteRegistry,
  deps: {
    households: HouseholdStore;
    district: District;
    clock: Clock;
    staff: StaffDirectory;
  },
): Router<AppState> {
  const { router, route } = api.router();

  const scopeOf = async (caller: Caller): Promise<HouseholdScope> => {
    const districtWide = caller.roles.includes('admin') || caller.roles.includes('dispatcher');
    const streetStaff = caller.roles.includes('community_worker') || caller.roles.includes('squad_leader');
    const streetId = streetStaff && !districtWide ? await deps.staff.streetOf(caller.userId) : null;
    return { districtWide, streetId, streetStaff };
  };

  /**
   * Phones in full for the owners, district staff (they coordinate a fire) and the street's community
   * workers (they call households about alarms); squad leaders see them masked.
   */
  const fullPhones = (caller: Caller, scope: HouseholdScope, household: HouseholdDocument) =>
    household.ownerIds.includes(caller.userId) ||
    scope.districtWide ||
    (caller.roles.includes('community_worker') && scope.streetId === household.streetId);

  route(
    { method: 'POST', path: '/api/households', body: createHouseholdRequestSchema },
    async (ctx, { body }) => {
      const caller = callerOf(ctx.state);
      const street = findStreet(deps.district, body.street);
      if (!street) throw badRequest([{ path: 'street', message: `没有这个街道：${body.street}` }]);
      const scope = await scopeOf(caller);
      if (!caller.roles.includes('admin') && scope.streetId !== street.properties.id)
        throw forbidden('只能登记本街道的住户');
      const household: HouseholdDocument = {
        _id: body.id,
        streetId: street.properties.id,
        address: body.address,
        ownerIds: body.ownerIds,
        contacts: body.contacts,
        chargingAlarmIds: [],
        createdAt: deps.clock.now(),
      };
      if (!(await deps.households.insert(household))) throw conflict('住户编号已存在', { field: 'id' });
      ctx.status = 201;
      ctx.body = householdView(household, { fullPhones: true });
    },
  );

  route(
    { method: 'GET', path: '/api/households', query: householdListQuerySchema },
    async (ctx, { query }) => {
      const caller = callerOf(ctx.state);
      const scope = await scopeOf(caller);
      const items = await deps.households.list(
        query.mine !== '1' && scope.districtWide
          ? 'all'
          : query.mine !== '1' && scope.streetStaff
            ? { streetId: scope.streetId ?? '(none)' }
            : { ownerId: caller.userId },
      );
      ctx.body = {
        items: items.map((item) => householdView(item, { fullPhones: fullPhones(caller, scope, item) })),
      };
    },
  );

  route({ method: 'GET', path: '/api/households/:id' }, async (ctx) => {
    const caller = callerOf(ctx.state);
    const household = await deps.households.findById(ctx.params.id ?? '');
    if (!household) throw notFound('住户不存在');
    const scope = await scopeOf(caller);
    const owner = household.ownerIds.includes(caller.userId);
    const inScope = scope.districtWide || (scope.streetStaff && scope.streetId === household.streetId);
    if (!owner && !inScope) {
      // Another street's staff are not told whether it exists.
      if (scope.streetStaff) throw notFound('住户不存在');
      throw forbidden('只能查看自己的房屋');
    }
    ctx.body = householdView(household, { fullPhones: fullPhones(caller, scope, household) });
  });

  return router;
}
