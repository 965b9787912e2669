import Router from '@koa/router';
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
import { badRequest } from '../../http/httpError';
import { readMultipart } from '../../http/multipart';
import { fieldErrorsOf, parseBody, parseQuery } from '../../http/validate';
import type { AccessTokens } from '../auth/accessTokens';
import { callerOf, requireAuth, requireRole, stillSignedIn } from '../../http/callerAccess';
import type { TicketActions } from './ticketActions';
import type { TicketEvents } from './ticketEvents';
import type { TicketDocument } from './ticketModel';
import type { TicketQueries } from './ticketQueries';
import type { TicketViewer } from './ticketView';

/** Enforcement's side: the console's queue and the officers' actions. */
export function ticketRoutes(deps: {
  actions: TicketActions;
  queries: TicketQueries;
  tokens: AccessTokens;
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
    const page = await deps.queries.queueFor(caller, parseQuery(ctx, reportListQuerySchema));
    ctx.body = { items: page.items.map((ticket) => deps.view(ticket, caller)), total: page.total };
  });

  router.get('/api/tickets/events', (ctx) => {
    deps.events.stream(ctx, callerOf(ctx.state), stillSignedIn(deps.tokens, ctx));
  });

  router.get('/api/tickets/:id', async (ctx) => {
    const caller = callerOf(ctx.state);
    ctx.body = deps.view(await deps.queries.visibleTo(caller, id(ctx.params)), caller);
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
