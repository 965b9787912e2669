import type Router from '@koa/router';
import {
  assignRequestSchema,
  checkInRequestSchema,
  closeTicketRequestSchema,
  reasonRequestSchema,
  reportListQuerySchema,
  resolveFieldsSchema,
  resolveRequestSchema,
  transferRequestSchema,
  type Ticket,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf, stillSignedIn, type TokenAuthenticator } from '../../http/callerAccess';
import { badRequest } from '../../http/httpError';
import { readMultipart } from '../../http/multipart';
import type { RouteRegistry } from '../../http/routeRegistry';
import { fieldErrorsOf, parseBody } from '../../http/validate';
import type { ResolutionPhotos, TicketActions } from './ticketActions';
import type { TicketEvents } from './ticketEvents';
import type { TicketDocument } from './ticketModel';
import type { TicketQueries } from './ticketQueries';
import type { TicketViewer } from './ticketView';

/** Enforcement's side: the console's queue and the officers' actions. */
export function ticketRoutes(
  api: RouteRegistry,
  deps: {
    actions: TicketActions;
    queries: TicketQueries;
    /** For the live stream: is the caller still signed in? */
    tokens: TokenAuthenticator;
    view: (ticket: TicketDocument, viewer: TicketViewer) => Ticket;
    events: TicketEvents;
  },
): Router<AppState> {
  const { router, route } = api.router();
  const id = (params: Record<string, string | undefined>) => params.id ?? '';

  route({ method: 'GET', path: '/api/tickets', query: reportListQuerySchema }, async (ctx, { query }) => {
    const caller = callerOf(ctx.state);
    const page = await deps.queries.queueFor(caller, query);
    ctx.body = { items: page.items.map((ticket) => deps.view(ticket, caller)), total: page.total };
  });

  route({ method: 'GET', path: '/api/tickets/events' }, (ctx) => {
    deps.events.stream(ctx, callerOf(ctx.state), stillSignedIn(deps.tokens, ctx));
  });

  route({ method: 'GET', path: '/api/tickets/:id' }, async (ctx) => {
    const caller = callerOf(ctx.state);
    ctx.body = deps.view(await deps.queries.visibleTo(caller, id(ctx.params)), caller);
  });

  route({ method: 'POST', path: '/api/tickets/:id/accept' }, async (ctx) => {
    ctx.body = deps.view(await deps.actions.accept(callerOf(ctx.state), id(ctx.params)), callerOf(ctx.state));
  });

  route(
    { method: 'POST', path: '/api/tickets/:id/reject', body: reasonRequestSchema },
    async (ctx, { body }) => {
      ctx.body = deps.view(
        await deps.actions.reject(callerOf(ctx.state), id(ctx.params), body.reason),
        callerOf(ctx.state),
      );
    },
  );

  route(
    { method: 'POST', path: '/api/tickets/:id/check-in', body: checkInRequestSchema },
    async (ctx, { body }) => {
      ctx.body = deps.view(
        await deps.actions.checkIn(callerOf(ctx.state), id(ctx.params), body),
        callerOf(ctx.state),
      );
    },
  );

  route(
    { method: 'POST', path: '/api/tickets/:id/transfer', body: transferRequestSchema },
    async (ctx, { body }) => {
      ctx.body = deps.view(
        await deps.actions.transfer(callerOf(ctx.state), id(ctx.params), body),
        callerOf(ctx.state),
      );
    },
  );

  route(
    { method: 'POST', path: '/api/tickets/:id/assign', body: assignRequestSchema },
    async (ctx, { body }) => {
      ctx.body = deps.view(
        await deps.actions.assign(callerOf(ctx.state), id(ctx.params), body.officerId, body.reason),
        callerOf(ctx.state),
      );
    },
  );

  route(
    { method: 'POST', path: '/api/tickets/:id/close', body: closeTicketRequestSchema },
    async (ctx, { body }) => {
      ctx.body = deps.view(
        await deps.actions.close(callerOf(ctx.state), id(ctx.params), body),
        callerOf(ctx.state),
      );
    },
  );

  // JSON naming photos uploaded ahead (the mini-program), or a multipart form carrying them (the admin panel).
  route({ method: 'POST', path: '/api/tickets/:id/resolve', bodyReadByHandler: true }, async (ctx) => {
    let note: string;
    let photos: ResolutionPhotos;
    if (ctx.is('application/json')) {
      const body = parseBody(ctx, resolveRequestSchema);
      note = body.note;
      photos = { kind: 'uploaded', ids: body.photoIds };
    } else {
      const body = await readMultipart(ctx);
      const fields = resolveFieldsSchema.safeParse(body.fields);
      if (!fields.success) throw badRequest(fieldErrorsOf(fields.error));
      note = fields.data.note;
      photos = { kind: 'files', files: body.files };
    }
    ctx.body = deps.view(
      await deps.actions.resolve(callerOf(ctx.state), id(ctx.params), note, photos),
      callerOf(ctx.state),
    );
  });

  return router;
}
