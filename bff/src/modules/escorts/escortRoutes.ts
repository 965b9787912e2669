import type Router from '@koa/router';
import type { Redis } from 'ioredis';
import {
  createElderRequestSchema,
  createEscortRequestSchema,
  escortCheckInSchema,
  escortCompleteSchema,
  escortListQuerySchema,
  escortRateSchema,
  escortReasonSchema,
  escortReassignSchema,
  escortServiceTypes,
  escortSosSchema,
  escortStatisticsQuerySchema,
  registerVolunteerRequestSchema,
  volunteerListQuerySchema,
} from '@jiefang/contracts';
import { fuzzedPoint } from '../../domain/escortProximity';
import { escortServices } from '../../domain/escortRules';
import { escortTransitions } from '../../domain/escortTransitions';
import { allows } from '../../domain/statusTransitions';
import type { AppState, Caller } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import { forbidden, notFound } from '../../http/httpError';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { Clock } from '../../infra/clock';
import { findStreet, type District } from '../district/district';
import type { StaffDirectory } from '../dispatch/staffDirectory';
import {
  actsForElder,
  isDistrictStaff,
  isElderStaff,
  streetStaffStreet,
  type EscortViewer,
} from './escortAccess';
import type { EscortBook } from './escortBook';
import type { EscortDocument } from './escortModels';
import { elderView, escortView, volunteerView } from './escortView';
import { movesServiceArea, serviceAreaMoves } from './serviceAreaMoves';

/** Elders, bookings, volunteers and their hours: the 陪依(医)计划 API. */
export function escortRoutes(
  api: RouteRegistry,
  deps: {
    book: EscortBook;
    staff: StaffDirectory;
    district: District;
    redis: Redis;
    clock: Clock;
    /** Server secret behind each escort's stand-in point (`fuzzedPoint`). */
    proximitySecret: string;
  },
): Router<AppState> {
  const { book } = deps;
  const areaMoves = serviceAreaMoves(deps.redis, deps.clock);
  const standIn = (escort: EscortDocument) =>
    fuzzedPoint(escort.elderLocation, escort._id, deps.proximitySecret);
  const { router, route } = api.router();
  const staffRoles = ['community_worker', 'admin', 'dispatcher'] as const;
  const isStaff = (caller: Caller) =>
    caller.roles.some((role) => (staffRoles as readonly string[]).includes(role));

  const viewerOf = async (state: AppState): Promise<EscortViewer> => {
    const caller = callerOf(state);
    return {
      caller,
      streetId: await streetStaffStreet(caller, deps.staff.streetOf),
    };
  };

  // Per request (a viewer is made per request): the caller's own volunteer profile and each elder or
  // volunteer are read once, however many escorts a list shows.
  const lookups = new WeakMap<EscortViewer, Map<string, Promise<unknown>>>();
  const once = <T>(viewer: EscortViewer, key: string, load: () => Promise<T>): Promise<T> => {
    const cache = lookups.get(viewer) ?? lookups.set(viewer, new Map()).get(viewer)!;
    if (!cache.has(key)) cache.set(key, load());
    return cache.get(key) as Promise<T>;
  };

  /** Each escort in the caller's view: with the elder (for contact rules) and the volunteer's phone. */
  const present = async (viewer: EscortViewer, escort: EscortDocument) => {
    const [elder, volunteer, self] = await Promise.all([
      once(viewer, `elder:${escort.elderId}`, () => book.elderOf(escort)),
      escort.volunteerId
        ? once(viewer, `volunteer:${escort.volunteerId}`, () =>
            book.volunteerOf(escort.volunteerId as string),
          )
        : null,
      viewer.caller.roles.includes('volunteer')
        ? once(viewer, `volunteer:${viewer.caller.userId}`, () => book.volunteerOf(viewer.caller.userId))
        : null,
    ]);
    return escortView(escort, {
      viewer,
      elder,
      volunteerPhone: volunteer?.phone ?? null,
      from: self ? { lat: self.serviceArea.lat, lng: self.serviceArea.lng } : null,
      standIn,
      district: deps.district,
    });
  };

  /** The escort, if the caller has any part in it: staff, the elder's side, its volunteer, or a verified volunteer while it is open. */
  const visibleEscort = async (viewer: EscortViewer, id: string) => {
    const escort = await book.getEscort(id);
    const elder = await book.elderOf(escort);
    if (actsForElder(viewer, escort, elder) || escort.volunteerId === viewer.caller.userId) return escort;
    const volunteer = viewer.caller.roles.includes('volunteer')
      ? await book.volunteerOf(viewer.caller.userId)
      : null;
    const acceptable = allows(escortTransitions, 'accept', escort.status);
    if (volunteer?.verified && (acceptable || escort.withdrawnBy.includes(volunteer._id))) return escort;
    throw forbidden('无权查看该预约');
  };

  route({ method: 'GET', path: '/api/escort-services' }, (ctx) => {
    ctx.body = {
      items: escortServiceTypes.map((type) => ({ type, ...escortServices[type] })),
    };
  });

  route({ method: 'POST', path: '/api/elders', body: createElderRequestSchema }, async (ctx, { body }) => {
    const viewer = await viewerOf(ctx.state);
    const elder = await book.createElder(viewer, body);
    ctx.status = 201;
    ctx.body = elderView(elder, viewer, deps.district);
  });

  route({ method: 'GET', path: '/api/elders' }, async (ctx) => {
    const viewer = await viewerOf(ctx.state);
    ctx.body = {
      items: (await book.listElders(viewer)).map((elder) => elderView(elder, viewer, deps.district)),
    };
  });

  route({ method: 'GET', path: '/api/elders/:id' }, async (ctx) => {
    const viewer = await viewerOf(ctx.state);
    ctx.body = elderView(await book.getElder(viewer, ctx.params.id ?? ''), viewer, deps.district);
  });

  route({ method: 'POST', path: '/api/escorts', body: createEscortRequestSchema }, async (ctx, { body }) => {
    const viewer = await viewerOf(ctx.state);
    const escort = await book.book(viewer, body);
    ctx.status = 201;
    ctx.body = await present(viewer, escort);
  });

  // Before `/api/escorts/:id`, which would otherwise take these paths.
  route({ method: 'GET', path: '/api/escorts/open' }, async (ctx) => {
    const viewer = await viewerOf(ctx.state);
    const matches = await book.openFor(viewer.caller.userId, standIn);
    ctx.body = {
      items: await Promise.all(matches.map((match) => present(viewer, match.escort))),
      total: matches.length,
    };
  });

  route(
    { method: 'GET', path: '/api/escorts/statistics', query: escortStatisticsQuerySchema },
    async (ctx, { query }) => {
      const viewer = await viewerOf(ctx.state);
      const district = isDistrictStaff(viewer.caller);
      ctx.body = await book.statistics(district ? (query.street ?? null) : viewer.streetId);
    },
  );

  route({ method: 'GET', path: '/api/escorts', query: escortListQuerySchema }, async (ctx, { query }) => {
    const viewer = await viewerOf(ctx.state);
    const filter: Record<string, unknown> = {};
    if (query.status) filter.status = { $in: query.status.split(',') };
    if (query.elderId) filter.elderId = query.elderId;
    const { caller } = viewer;
    if (query.mine === '1' || !isStaff(caller)) {
      const elders = (await book.listElders({ caller, streetId: null })).map((elder) => elder._id);
      filter.$or = [
        { volunteerId: caller.userId },
        { createdBy: caller.userId },
        { elderId: { $in: elders } },
      ];
    } else if (!isDistrictStaff(caller)) {
      filter.streetId = viewer.streetId ?? '(none)';
    }
    const page = await book.list(filter, query.limit, query.offset);
    ctx.body = {
      items: await Promise.all(page.items.map((escort) => present(viewer, escort))),
      total: page.total,
    };
  });

  route({ method: 'GET', path: '/api/escorts/:id' }, async (ctx) => {
    const viewer = await viewerOf(ctx.state);
    ctx.body = await present(viewer, await visibleEscort(viewer, ctx.params.id ?? ''));
  });

  const id = (ctx: { params: Record<string, string | undefined> }) => ctx.params.id ?? '';

  route({ method: 'POST', path: '/api/escorts/:id/accept' }, async (ctx) => {
    const viewer = await viewerOf(ctx.state);
    ctx.body = await present(viewer, await book.accept(viewer.caller.userId, id(ctx)));
  });
  route(
    { method: 'POST', path: '/api/escorts/:id/withdraw', body: escortReasonSchema },
    async (ctx, { body }) => {
      const viewer = await viewerOf(ctx.state);
      ctx.body = await present(viewer, await book.withdraw(viewer.caller.userId, id(ctx), body.reason));
    },
  );
  route(
    { method: 'POST', path: '/api/escorts/:id/check-in', body: escortCheckInSchema },
    async (ctx, { body }) => {
      const viewer = await viewerOf(ctx.state);
      ctx.body = await present(viewer, await book.checkIn(viewer.caller.userId, id(ctx), body));
    },
  );
  route(
    { method: 'POST', path: '/api/escorts/:id/complete', body: escortCompleteSchema },
    async (ctx, { body }) => {
      const viewer = await viewerOf(ctx.state);
      ctx.body = await present(viewer, await book.complete(viewer.caller.userId, id(ctx), body.notes));
    },
  );
  route(
    { method: 'POST', path: '/api/escorts/:id/cancel', body: escortReasonSchema },
    async (ctx, { body }) => {
      const viewer = await viewerOf(ctx.state);
      ctx.body = await present(viewer, await book.cancel(viewer, id(ctx), body.reason));
    },
  );
  route({ method: 'POST', path: '/api/escorts/:id/rate', body: escortRateSchema }, async (ctx, { body }) => {
    const viewer = await viewerOf(ctx.state);
    ctx.body = await present(viewer, await book.rate(viewer, id(ctx), body.score, body.comment));
  });
  route({ method: 'POST', path: '/api/escorts/:id/sos', body: escortSosSchema }, async (ctx, { body }) => {
    const viewer = await viewerOf(ctx.state);
    ctx.body = await present(viewer, await book.sos(viewer, id(ctx), body));
  });
  route(
    { method: 'POST', path: '/api/escorts/:id/reassign', body: escortReassignSchema },
    async (ctx, { body }) => {
      const viewer = await viewerOf(ctx.state);
      ctx.body = await present(viewer, await book.reassign(viewer, id(ctx), body.reason, body.volunteerId));
    },
  );

  route(
    { method: 'POST', path: '/api/volunteers/me', body: registerVolunteerRequestSchema },
    async (ctx, { body: request }) => {
      const caller = callerOf(ctx.state);
      const streetId = findStreet(deps.district, request.serviceArea.street)?.properties.id;
      // Each move of the base measures open requests from somewhere new: a few per day at most.
      const moved = movesServiceArea(await book.volunteerOf(caller.userId), request, streetId);
      if (moved) await areaMoves.take(caller.userId);
      let volunteer;
      try {
        volunteer = await book.registerVolunteer(caller.userId, request);
      } catch (error) {
        if (moved) await areaMoves.giveBack(caller.userId).catch(() => undefined);
        throw error;
      }
      ctx.body = volunteerView(volunteer, { fullPhone: true });
    },
  );
  route({ method: 'GET', path: '/api/volunteers/me' }, async (ctx) => {
    const volunteer = await book.volunteerOf(callerOf(ctx.state).userId);
    if (!volunteer) throw notFound('尚未登记为志愿者');
    ctx.body = volunteerView(volunteer, { fullPhone: true });
  });
  route(
    { method: 'GET', path: '/api/volunteers', query: volunteerListQuerySchema },
    async (ctx, { query }) => {
      const viewer = await viewerOf(ctx.state);
      const { verified } = query;
      const items = await book.listVolunteers(
        viewer,
        verified === undefined ? undefined : verified === 'true',
      );
      ctx.body = { items: items.map((volunteer) => volunteerView(volunteer, { fullPhone: true })) };
    },
  );
  route({ method: 'POST', path: '/api/volunteers/:id/verify' }, async (ctx) => {
    const viewer = await viewerOf(ctx.state);
    ctx.body = volunteerView(await book.verifyVolunteer(viewer, id(ctx)), { fullPhone: true });
  });
  route({ method: 'GET', path: '/api/volunteers/:id/hours' }, async (ctx) => {
    const viewer = await viewerOf(ctx.state);
    const volunteerId = id(ctx);
    if (volunteerId !== viewer.caller.userId) {
      const volunteer = await book.volunteerOf(volunteerId);
      if (!volunteer) throw notFound('志愿者不存在');
      if (!isElderStaff(viewer, { streetId: volunteer.serviceArea.streetId }))
        throw forbidden('只能查看本社区志愿者的时长');
    }
    ctx.body = await book.hours(volunteerId);
  });
  route({ method: 'POST', path: '/api/volunteers/:id/hours/:escortId/review' }, async (ctx) => {
    const viewer = await viewerOf(ctx.state);
    await book.reviewHours(viewer, id(ctx), ctx.params.escortId ?? '');
    ctx.body = await book.hours(id(ctx));
  });

  return router;
}
