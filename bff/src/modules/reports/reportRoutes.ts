import type Router from '@koa/router';
import {
  createReportFieldsSchema,
  createReportRequestSchema,
  idempotencyKeySchema,
  joinReportRequestSchema,
  nearbyReportsQuerySchema,
  rateRequestSchema,
  reasonRequestSchema,
  reportListQuerySchema,
  type Ticket,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { badRequest } from '../../http/httpError';
import { readMultipart } from '../../http/multipart';
import type { RateLimit } from '../../http/rateLimit';
import { fieldErrorsOf, parseBody } from '../../http/validate';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { TicketActions } from '../tickets/ticketActions';
import type { TicketDocument } from '../tickets/ticketModel';
import type { TicketQueries } from '../tickets/ticketQueries';
import type { TicketViewer } from '../tickets/ticketView';
import type { NearbyReports } from './nearbyReports';
import type { ReportIntake } from './reportIntake';

export interface ReportRoutesDeps {
  intake: ReportIntake;
  nearby: NearbyReports;
  actions: TicketActions;
  queries: TicketQueries;
  reportRateLimit: RateLimit;
  view: (ticket: TicketDocument, viewer: TicketViewer) => Ticket;
}

/** Residents' side of 随手拍: submit, follow, confirm or reopen, rate; plus the public map. */
export function reportRoutes(api: RouteRegistry, deps: ReportRoutesDeps): Router<AppState> {
  const { router, route } = api.router();
  /** The request's Idempotency-Key, its budget spent unless it was answered already. */
  const admittedKey = async (ctx: { get(header: string): string }, userId: string) => {
    const key = idempotencyKeySchema.safeParse(ctx.get('Idempotency-Key'));
    if (!key.success)
      throw badRequest(
        [{ path: 'Idempotency-Key', message: key.error.issues[0]?.message ?? '' }],
        '缺少或无效的 Idempotency-Key',
      );
    // A retry of an answered submission gets its replay even over the limit: it cannot make a new ticket.
    if (!(await deps.intake.answered(userId, key.data))) {
      await deps.reportRateLimit.consume(userId).catch(async (error: unknown) => {
        if (!(await deps.intake.answered(userId, key.data, { durable: true }))) throw error;
      });
    }
    return key;
  };

  route({ method: 'POST', path: '/api/reports', bodyReadByHandler: true }, async (ctx) => {
    const caller = callerOf(ctx.state);
    const key = await admittedKey(ctx, caller.userId);
    let submission: Pick<Parameters<ReportIntake['submit']>[0], 'fields' | 'photos'>;
    if (ctx.is('application/json')) {
      // Photos uploaded beforehand (POST /api/photos), named by id.
      const { photoIds, ...fields } = parseBody(ctx, createReportRequestSchema);
      submission = { fields, photos: { kind: 'uploaded', ids: photoIds } };
    } else {
      const body = await readMultipart(ctx);
      const fields = createReportFieldsSchema.safeParse(body.fields);
      if (!fields.success) throw badRequest(fieldErrorsOf(fields.error));
      submission = { fields: fields.data, photos: { kind: 'files', files: body.files } };
    }
    const result = await deps.intake.submit({ caller, ...submission, idempotencyKey: key.data });
    ctx.status = result.outcome === 'replayed' ? 200 : 201;
    ctx.set('Idempotent-Replay', result.outcome === 'replayed' ? 'true' : 'false');
    ctx.body = { ...deps.view(result.ticket, caller), outcome: result.outcome };
  });

  route({ method: 'GET', path: '/api/reports', query: reportListQuerySchema }, async (ctx, { query }) => {
    const caller = callerOf(ctx.state);
    const page = await deps.queries.reportedBy(caller, query);
    ctx.body = { items: page.items.map((ticket) => deps.view(ticket, caller)), total: page.total };
  });

  route({ method: 'GET', path: '/api/reports/map' }, async (ctx) => {
    const map = await deps.queries.publicMap();
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = map;
  });

  route(
    { method: 'GET', path: '/api/reports/nearby', query: nearbyReportsQuerySchema },
    async (ctx, { query }) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await deps.nearby.near(callerOf(ctx.state), query);
    },
  );

  route(
    { method: 'POST', path: '/api/reports/:id/join', body: joinReportRequestSchema },
    async (ctx, { body }) => {
      const caller = callerOf(ctx.state);
      const key = await admittedKey(ctx, caller.userId);
      const result = await deps.intake.joinChosen({
        caller,
        ticketId: ctx.params.id ?? '',
        request: body,
        idempotencyKey: key.data,
      });
      ctx.status = result.outcome === 'replayed' ? 200 : 201;
      ctx.set('Idempotent-Replay', result.outcome === 'replayed' ? 'true' : 'false');
      ctx.body = { ...deps.view(result.ticket, caller), outcome: result.outcome };
    },
  );

  route({ method: 'GET', path: '/api/reports/:id' }, async (ctx) => {
    const caller = callerOf(ctx.state);
    ctx.body = deps.view(await deps.queries.visibleTo(caller, ctx.params.id ?? ''), caller);
  });

  route({ method: 'POST', path: '/api/reports/:id/confirm' }, async (ctx) => {
    ctx.body = deps.view(
      await deps.actions.confirm(callerOf(ctx.state), ctx.params.id ?? ''),
      callerOf(ctx.state),
    );
  });

  route(
    { method: 'POST', path: '/api/reports/:id/reopen', body: reasonRequestSchema },
    async (ctx, { body }) => {
      ctx.body = deps.view(
        await deps.actions.reopen(callerOf(ctx.state), ctx.params.id ?? '', body.reason),
        callerOf(ctx.state),
      );
    },
  );

  route({ method: 'POST', path: '/api/reports/:id/rate', body: rateRequestSchema }, async (ctx, { body }) => {
    ctx.body = deps.view(
      await deps.actions.rate(callerOf(ctx.state), ctx.params.id ?? '', body),
      callerOf(ctx.state),
    );
  });

  return router;
}
