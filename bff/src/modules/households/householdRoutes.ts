import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import {
  confirmOwnerInvitationRequestSchema,
  createHouseholdRequestSchema,
  householdImportFileField,
  householdImportLimits,
  householdImportQuerySchema,
  householdListQuerySchema,
  ownerInvitationRequestSchema,
  updateHouseholdRequestSchema,
  type InvitationDelivery,
} from '@jiefang/contracts';
import type { AppState, Caller } from '../../http/appState';
import { conflict, forbidden, notFound, unprocessable } from '../../http/httpError';
import { readSheetLines } from '../../http/importSheetFile';
import { readImportUpload } from '../../http/importUpload';
import type { Clock } from '../../infra/clock';
import { callerOf } from '../../http/callerAccess';
import { adminStreetOf, reachesDistrict } from '../../domain/staffScope';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { StaffDirectory } from '../dispatch/staffDirectory';
import type { District } from '../district/district';
import type { HouseholdDocument } from './householdModel';
import { householdPlaces } from './householdPlaces';
import { importHouseholds } from './householdImport';
import { readHouseholdSheet } from './householdSheet';
import type { HouseholdStore } from './householdStore';
import { householdView } from './householdView';
import type { OwnerAccounts } from './ownerAccounts';
import type { OwnerInvitations } from './ownerInvitations';

const householdUpload = { field: householdImportFileField, maxBytes: householdImportLimits.maxBytes };

/**
 * Sends an owner their invitation code by SMS; null when no SMS channel is configured (the staff member
 * passes the code on). Resolves whether the provider accepted it.
 */
export type InvitationSms = (
  phone: string,
  invitation: { code: string; address: string; expiresAt: Date },
) => Promise<boolean>;

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

/** Households with detectors: staff register and edit them and invite their owners; owners see their own. */
export function householdRoutes(
  api: RouteRegistry,
  deps: {
    households: HouseholdStore;
    invitations: OwnerInvitations;
    district: District;
    clock: Clock;
    staff: StaffDirectory;
    invitationSms: InvitationSms | null;
    /** Gives and takes the property owner's role as ownership comes and goes. */
    owners: Pick<OwnerAccounts, 'becomeOwner' | 'ownerRemoved'>;
  },
): Router<AppState> {
  const { router, route } = api.router();
  const places = householdPlaces(deps.district);

  const scopeOf = async (caller: Caller): Promise<HouseholdScope> => {
    // A street's administrator keeps their street's households like its community workers; their
    // street is in the session.
    const adminStreet = adminStreetOf(caller);
    if (adminStreet !== undefined) return { districtWide: false, streetId: adminStreet, streetStaff: true };
    const districtWide = reachesDistrict(caller);
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
    ((caller.roles.includes('community_worker') || caller.roles.includes('admin')) &&
      scope.streetId === household.streetId);

  const view = (caller: Caller, scope: HouseholdScope, household: HouseholdDocument) =>
    householdView(household, places, { fullPhones: fullPhones(caller, scope, household) });

  /** A household the caller (admin or community worker, by route access) may change: another street's is 404. */
  const keptHousehold = async (caller: Caller, id: string) => {
    const household = await deps.households.findById(id);
    const scope = await scopeOf(caller);
    if (!household || (!scope.districtWide && scope.streetId !== household.streetId))
      throw notFound('住户不存在');
    return { household, scope };
  };

  const mayKeepStreet = async (caller: Caller, streetId: string) => {
    const scope = await scopeOf(caller);
    return scope.districtWide || scope.streetId === streetId;
  };

  route(
    { method: 'POST', path: '/api/households', body: createHouseholdRequestSchema },
    async (ctx, { body }) => {
      const caller = callerOf(ctx.state);
      const place = places.placeOf(body);
      if (!(await mayKeepStreet(caller, place.streetId))) throw forbidden('只能登记本街道的住户');
      const now = deps.clock.now();
      const household: HouseholdDocument = {
        _id: body.id ?? `hh-${randomBytes(6).toString('hex')}`,
        ...place,
        address: body.address,
        ownerIds: body.ownerIds,
        ownerLinks: [],
        contacts: body.contacts,
        chargingAlarmIds: [],
        createdAt: now,
        updatedAt: now,
      };
      if (!(await deps.households.insert(household))) throw conflict('住户编号已存在', { field: 'id' });
      ctx.status = 201;
      ctx.body = householdView(household, places, { fullPhones: true });
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
        query.q || undefined,
      );
      ctx.body = { items: items.map((item) => view(caller, scope, item)) };
    },
  );

  route(
    { method: 'POST', path: '/api/households/import', query: householdImportQuerySchema },
    async (ctx, { query }) => {
      const caller = callerOf(ctx.state);
      const file = await readImportUpload(ctx, householdUpload);
      const sheet = readHouseholdSheet(await readSheetLines(file, '住户'));
      if (!sheet.ok) {
        throw unprocessable('这个文件无法导入：' + sheet.errors[0]!.message, { fields: sheet.errors });
      }
      const scope = await scopeOf(caller);
      const onlyStreetId = scope.districtWide ? null : (scope.streetId ?? '(none)');
      ctx.body = await importHouseholds(sheet.rows, {
        commit: query.commit === '1',
        onlyStreetId,
        places,
        households: deps.households,
        clock: deps.clock,
      });
    },
  );

  route(
    {
      method: 'POST',
      path: '/api/households/invitations/confirm',
      body: confirmOwnerInvitationRequestSchema,
    },
    async (ctx, { body }) => {
      const caller = callerOf(ctx.state);
      const householdId = await deps.invitations.confirm(body.phone, body.code, caller.userId);
      await deps.households.addOwner(householdId, {
        userId: caller.userId,
        phone: body.phone,
        linkedAt: deps.clock.now(),
      });
      const household = await deps.households.findById(householdId);
      if (!household) throw notFound('住户不存在');
      const session = await deps.owners.becomeOwner(caller.userId);
      ctx.body = { household: householdView(household, places, { fullPhones: true }), session };
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
    ctx.body = view(caller, scope, household);
  });

  route(
    { method: 'PATCH', path: '/api/households/:id', body: updateHouseholdRequestSchema },
    async (ctx, { body }) => {
      const caller = callerOf(ctx.state);
      const { household, scope } = await keptHousehold(caller, ctx.params.id ?? '');
      const set: Partial<HouseholdDocument> = { updatedAt: deps.clock.now() };
      if (body.address !== undefined) set.address = body.address;
      if (body.contacts !== undefined) set.contacts = body.contacts;
      if (body.location !== undefined) {
        const place = places.placeOf({ location: body.location });
        if (!(await mayKeepStreet(caller, place.streetId))) throw forbidden('不能把住户移到其他街道');
        Object.assign(set, place);
      }
      const updated = await deps.households.update(household._id, set);
      if (!updated) throw notFound('住户不存在');
      ctx.body = view(caller, scope, updated);
    },
  );

  route(
    { method: 'POST', path: '/api/households/:id/invitations', body: ownerInvitationRequestSchema },
    async (ctx, { body }) => {
      const caller = callerOf(ctx.state);
      const { household } = await keptHousehold(caller, ctx.params.id ?? '');
      const { code, expiresAt } = await deps.invitations.create(household._id, body.phone, caller.userId);
      let delivery: InvitationDelivery = 'in_person';
      if (deps.invitationSms) {
        const sent = await deps
          .invitationSms(body.phone, { code, address: household.address, expiresAt })
          .catch(() => false);
        delivery = sent ? 'sms' : 'sms_failed';
      }
      ctx.status = 201;
      ctx.body = {
        householdId: household._id,
        phone: body.phone,
        code,
        expiresAt: expiresAt.toISOString(),
        delivery,
      };
    },
  );

  route({ method: 'DELETE', path: '/api/households/:id/owners/:userId' }, async (ctx) => {
    const caller = callerOf(ctx.state);
    const { household } = await keptHousehold(caller, ctx.params.id ?? '');
    const ownerId = ctx.params.userId ?? '';
    if (!(await deps.households.removeOwner(household._id, ownerId)))
      throw notFound('该用户不是此住户的业主');
    await deps.owners.ownerRemoved(ownerId);
    ctx.status = 204;
  });

  return router;
}
