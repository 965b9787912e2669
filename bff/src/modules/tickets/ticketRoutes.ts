import Router from '@koa/router';
import type { Model } from 'mongoose';
import {
  assignRequestSchema,
  checkInRequestSchema,
  reasonRequestSchema,
  reportListQuerySchema,
  resolveFieldsSchema,
  transferRequestSchema,
  type Ticket,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { badRequest, notFound } from '../../http/httpError';
import { readMultipart } from '../../http/multipart';
import { fieldErrorsOf, parseBody, parseQuery } from '../../http/validate';
import type { District } from '../district/district';
import { findStreet } from '../district/district';
import type { AccessTokens } from '../auth/accessTokens';
import { callerOf, requireAuth, requireRole, stillSignedIn } from '../auth/authMiddleware';
import { assertCanViewTicket } from '../reports/ticketAccess';
import type { TicketDocument } from '../reports/ticketModel';
import { ticketPage } from '../reports/ticketPages';
import type { TicketViewer } from '../reports/ticketView';
import type { TicketActions } from './ticketActions';
import type { TicketEvents } from './ticketEvents';

/** Enforcement's side: the console's queue and the officers' actions. */
export function ticketRoutes(deps: {
  actions: TicketActions;
  tickets: Model<TicketDocument>;
  tokens: AccessTokens;
  district: District;
  view: (ticket: TicketDocument, viewer: TicketViewer) => Ticket;
  events: TicketEvents;
}): Router<AppState> {
  const router = new Router<AppState>();
  router.use(
    '/api/tickets',
    requireAuth(deps.tokens),
    requireRole('officer', 'squad_leader', 'dispatcher', 'admin'),
  );
  const id = (params: Record<string, string | undefined>) => params.id ?? '';

  router.get('/api/tickets', async (ctx) => {
    const caller = callerOf(ctx.state);
    const query = parseQuery(ctx, reportListQuerySchema);
    const filter: Record<string, unknown> = {};
    const seesAll = caller.roles.includes('dispatcher') || caller.roles.includes('admin');
    if (!seesAll) filter.squadId = caller.squadId ?? '(none)';
    if (query.status) filter.status = query.status;
    if (query.category) filter.category = query.category;
    if (query.street)
      filter.streetId = findStreet(deps.district, query.street)?.properties.id ?? query.street;
    ctx.body = await ticketPage(deps.tickets, filter, query, (ticket) => deps.view(ticket, caller));
  });

  router.get('/api/tickets/events', (ctx) => {
    deps.events.stream(ctx, callerOf(ctx.state), stillSignedIn(deps.tokens, ctx));
  });

  router.get('/api/tickets/:id', async (ctx) => {
    const ticket = await deps.tickets.findById(id(ctx.params)).lean<TicketDocument>();
    if (!ticket) throw notFound('工单不存在');
    assertCanViewTicket(callerOf(ctx.state), ticket);
    ctx.body = deps.view(ticket, callerOf(ctx.state));
  });

  router.post('/api/tickets/:id/accept', async (ctx) => {
    ctx.body = deps.view(await deps.actions.accept(callerOf(ctx.state), id(ctx.params)), callerOf(ctx.state));
  });

  router.post('/api/tickets/:id/reject', async (ctx) => {
    const { reason } = parseBody(ctx, reasonRequestSchema);
    ctx.body = deps.view(
      await deps.actions.reject(callerOf(ctx.state), id(ctx.params), reason),
      callerOf(ctx.state),
    );
  });

  router.post('/api/tickets/:id/check-in', async (ctx) => {
    const point = parseBody(ctx, checkInRequestSchema);
    ctx.body = deps.view(
      await deps.actions.checkIn(callerOf(ctx.state), id(ctx.params), point),
      callerOf(ctx.state),
    );
  });

  router.post('/api/tickets/:id/transfer', async (ctx) => {
    const request = parseBody(ctx, transferRequestSchema);
    ctx.body = deps.view(
      await deps.actions.transfer(callerOf(ctx.state), id(ctx.params), request),
      callerOf(ctx.state),
    );
  });

  router.post('/api/tickets/:id/assign', requireRole('squad_leader', 'dispatcher', 'admin'), async (ctx) => {
    const request = parseBody(ctx, assignRequestSchema);
    ctx.body = deps.view(
      await deps.actions.assign(callerOf(ctx.state), id(ctx.params), request.officerId, request.reason),
      callerOf(ctx.state),
    );
  });

  router.post('/api/tickets/:id/resolve', async (ctx) => {
    const body = await readMultipart(ctx);
    const fields = resolveFieldsSchema.safeParse(body.fields);
    if (!fields.success) throw badRequest(fieldErrorsOf(fields.error));
    ctx.body = deps.view(
      await deps.actions.resolve(callerOf(ctx.state), id(ctx.params), fields.data.note, body.files),
      callerOf(ctx.state),
    );
  });

  return router;
}
