import type Router from '@koa/router';
import type { Middleware } from 'koa';
import {
  dutyRequestSchema,
  locationRequestSchema,
  officerTicketsQuerySchema,
  type Ticket,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { forbidden, unprocessable } from '../../http/httpError';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { TicketDocument } from '../tickets/ticketModel';
import type { TicketQueries } from '../tickets/ticketQueries';
import type { TicketViewer } from '../tickets/ticketView';
import type { OfficerPresence } from './officerPresence';

/** An officer's own duty state, position and assignments. */
export function officerRoutes(
  api: RouteRegistry,
  deps: {
    presence: OfficerPresence;
    tickets: Pick<TicketQueries, 'heldBy' | 'resolvedTodayBy'>;
    view: (ticket: TicketDocument, viewer: TicketViewer) => Ticket;
  },
): Router<AppState> {
  const { router, route } = api.router();
  // Before the body is read: an officer outside any squad is refused whatever they send.
  const inSquad: Middleware<AppState> = async (ctx, next) => {
    squadOf(ctx.state);
    await next();
  };

  const squadOf = (state: AppState) => {
    const caller = callerOf(state);
    if (!caller.squadId) throw forbidden('你还没有加入执法中队');
    return { id: caller.userId, squadId: caller.squadId, ...(caller.name ? { name: caller.name } : {}) };
  };

  route(
    { method: 'POST', path: '/api/officer/duty', body: dutyRequestSchema, guards: [inSquad] },
    async (ctx, { body }) => {
      const officer = squadOf(ctx.state);
      await deps.presence.setDuty(officer, body.onDuty, body.travelMode);
      ctx.body = await deps.presence.status(officer.id);
    },
  );

  route(
    { method: 'POST', path: '/api/officer/location', body: locationRequestSchema, guards: [inSquad] },
    async (ctx, { body }) => {
      const officer = squadOf(ctx.state);
      if (!(await deps.presence.updateLocation(officer.id, body))) {
        throw unprocessable('请先上班（开启在岗）再共享位置');
      }
      ctx.body = await deps.presence.status(officer.id);
    },
  );

  route({ method: 'GET', path: '/api/officer/status' }, async (ctx) => {
    ctx.body = await deps.presence.status(squadOf(ctx.state).id);
  });

  // `held`: what the officer works on now; `today`: what they resolved today (their history).
  route(
    { method: 'GET', path: '/api/officer/tickets', query: officerTicketsQuerySchema },
    async (ctx, { query }) => {
      const officer = squadOf(ctx.state);
      const items =
        query.scope === 'today'
          ? await deps.tickets.resolvedTodayBy(officer.id)
          : await deps.tickets.heldBy(officer.id);
      ctx.body = {
        items: items.map((ticket) => deps.view(ticket, callerOf(ctx.state))),
        total: items.length,
      };
    },
  );

  return router;
}
