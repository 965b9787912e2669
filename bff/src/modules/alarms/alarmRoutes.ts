import type Router from '@koa/router';
import type { Redis } from 'ioredis';
import {
  alarmListQuerySchema,
  alarmNoteRequestSchema,
  remoteWarningRequestSchema,
  type AlarmEvent,
} from '@jiefang/contracts';
import { alarmTransitions } from '../../domain/alarmTransitions';
import { allows } from '../../domain/statusTransitions';
import type { AppState, Caller } from '../../http/appState';
import { callerOf, stillSignedIn, type TokenAuthenticator } from '../../http/callerAccess';
import { forbidden, unprocessable } from '../../http/httpError';
import { liveEventStream } from '../../http/liveEventStream';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { Logger } from '../../infra/logger';
import { findStreet, type District } from '../district/district';
import type { StaffDirectory } from '../dispatch/staffDirectory';
import type { HouseholdStore } from '../households/householdStore';
import { alarmScope, canViewAlarm, canWorkAlarm, type AlarmViewer } from './alarmAccess';
import type { AlarmBook } from './alarmBook';
import type { AlarmDocument } from './alarmModel';
import type { AlarmReactions } from './alarmReactions';

type AlarmStream = ReturnType<typeof liveEventStream<AlarmDocument>>;

/** Street enforcement's alarm console and property owners' own alarms. */
export function alarmRoutes(
  api: RouteRegistry,
  deps: {
    book: AlarmBook;
    reactions: AlarmReactions;
    households: Pick<HouseholdStore, 'idsOwnedBy'>;
    staff: StaffDirectory;
    district: District;
    /** For the live stream: is the caller still signed in? */
    tokens: TokenAuthenticator;
    events: AlarmStream;
    /** Whether the alarm's device is online (the devices module's registry); null when unknown. */
    devicePresence: (deviceId: string) => Promise<{ online: boolean; lastSeenAt: string | null } | null>;
  },
): Router<AppState> {
  const { router, route } = api.router();
  const squadOfStreet = (streetId: string) => findStreet(deps.district, streetId)?.properties.squadId ?? null;
  const streetsOfSquad = (squadId: string) =>
    deps.district.features
      .filter((feature) => feature.properties.squadId === squadId)
      .map((f) => f.properties.id);

  const viewerOf = async (caller: Caller): Promise<AlarmViewer> => ({
    caller,
    streetId: caller.roles.includes('community_worker') ? await deps.staff.streetOf(caller.userId) : null,
    householdIds: caller.roles.includes('property_owner')
      ? await deps.households.idsOwnedBy(caller.userId)
      : [],
    squadOfStreet,
  });

  const alarmFor = async (ctx: { params: Record<string, string | undefined>; state: AppState }) => {
    const viewer = await viewerOf(callerOf(ctx.state));
    const alarm = await deps.book.get(ctx.params.id ?? '');
    if (!canViewAlarm(viewer, alarm)) throw forbidden('无权查看该告警');
    return { viewer, alarm };
  };

  route({ method: 'GET', path: '/api/alarms', query: alarmListQuerySchema }, async (ctx, { query }) => {
    const scope = alarmScope(await viewerOf(callerOf(ctx.state)), query.mine === '1', streetsOfSquad);
    if (!scope) {
      ctx.body = { items: [], total: 0 };
      return;
    }
    const page = await deps.book.list(query, scope);
    ctx.body = { items: page.items.map(deps.book.view), total: page.total };
  });

  // Staff only: the descriptor's roles are the staff roles.
  route({ method: 'GET', path: '/api/alarms/events' }, (ctx) => {
    deps.events.stream(ctx, callerOf(ctx.state), stillSignedIn(deps.tokens, ctx));
  });

  route({ method: 'GET', path: '/api/alarms/:id' }, async (ctx) => {
    ctx.body = deps.book.view((await alarmFor(ctx)).alarm);
  });

  route(
    { method: 'POST', path: '/api/alarms/:id/acknowledge', body: alarmNoteRequestSchema },
    async (ctx, { body: request }) => {
      const { alarm } = await alarmFor(ctx);
      const caller = callerOf(ctx.state);
      const updated = await deps.book.acknowledge(
        alarm._id,
        { id: caller.userId, name: caller.name ?? null },
        request.note,
      );
      ctx.body = deps.book.view(updated ?? alarm);
    },
  );

  route(
    { method: 'POST', path: '/api/alarms/:id/clear', body: alarmNoteRequestSchema },
    async (ctx, { body: request }) => {
      const { viewer, alarm } = await alarmFor(ctx);
      if (!canWorkAlarm(viewer, alarm)) throw forbidden('只有负责的工作人员可以解除告警');
      const caller = callerOf(ctx.state);
      const updated = await deps.book.clear(
        alarm._id,
        { id: caller.userId, name: caller.name ?? null },
        request.note,
      );
      ctx.body = deps.book.view(updated ?? alarm);
    },
  );

  route(
    { method: 'POST', path: '/api/alarms/:id/warning', body: remoteWarningRequestSchema },
    async (ctx, { body: request }) => {
      const { viewer, alarm } = await alarmFor(ctx);
      if (!canWorkAlarm(viewer, alarm)) throw forbidden('只有负责的工作人员可以远程喊话');
      if (alarm.deviceType !== 'noise_meter')
        throw unprocessable('只有噪声监测点可以远程喊话', { deviceType: alarm.deviceType });
      if (!allows(alarmTransitions, 'remote_warning', alarm.status))
        throw unprocessable('告警已解除，无需喊话', { status: alarm.status });
      // An offline device would never play it: say so now rather than record a warning that cannot arrive.
      const presence = await deps.devicePresence(alarm.deviceId);
      if (!presence?.online)
        throw unprocessable('设备离线，无法远程喊话', {
          deviceId: alarm.deviceId,
          online: false,
          lastSeenAt: presence?.lastSeenAt ?? null,
        });
      const caller = callerOf(ctx.state);
      await deps.reactions.sendWarning(alarm, {
        automatic: false,
        ...(request.text ? { text: request.text } : {}),
        actor: { id: caller.userId, name: caller.name ?? null },
      });
      ctx.status = 202;
      ctx.body = deps.book.view(await deps.book.get(alarm._id));
    },
  );

  return router;
}

/** Live alarm changes for consoles (`GET /api/alarms/events`), filtered per listener. */
export function alarmEvents(deps: {
  redis: Redis;
  channel: string;
  book: AlarmBook;
  district: District;
  logger: Logger;
}) {
  const squadOfStreet = (streetId: string) => findStreet(deps.district, streetId)?.properties.squadId ?? null;
  return liveEventStream<AlarmDocument>({
    redis: deps.redis,
    channel: deps.channel,
    eventName: 'alarm',
    load: (id) => deps.book.get(id).catch(() => null),
    // Streams are for staff; community workers' street is not on the caller, so they see their squad's view.
    visibleTo: (caller, alarm) =>
      canWorkAlarm({ caller, streetId: null, householdIds: [], squadOfStreet }, alarm),
    payload: (alarm): AlarmEvent => ({ type: 'alarm', alarm: deps.book.view(alarm) }),
    logger: deps.logger,
  });
}
