import Router from '@koa/router';
import {
  createReportFieldsSchema,
  createReportRequestSchema,
  idempotencyKeySchema,
  rateRequestSchema,
  reasonRequestSchema,
  reportListQuerySchema,
  type CategoryList,
  type Ticket,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { badRequest } from '../../http/httpError';
import { readMultipart } from '../../http/multipart';
import type { RateLimit } from '../../http/rateLimit';
import { fieldErrorsOf, parseBody, parseQuery } from '../../http/validate';
import type { CategoryCatalogue } from '../../domain/categories';
import type { AccessTokens } from '../auth/accessTokens';
import { callerOf, requireAuth, requireRole } from '../../http/callerAccess';
import type { TicketActions } from '../tickets/ticketActions';
import type { TicketDocument } from '../tickets/ticketModel';
import type { TicketQueries } from '../tickets/ticketQueries';
import type { TicketViewer } from '../tickets/ticketView';
import type { ReportIntake } from './reportIntake';

export interface ReportRoutesDeps {
  intake: ReportIntake;
  actions: TicketActions;
  queries: TicketQueries;
  categories: CategoryCatalogue;
  tokens: AccessTokens;
  reportRateLimit: RateLimit;
  view: (ticket: TicketDocument, viewer: TicketViewer) => Ticket;
}

/** Residents' side of 随手拍: submit, follow, confirm or reopen, rate; plus the public map. */
export function reportRoutes(deps: ReportRoutesDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = requireAuth(deps.tokens);
  const categories: CategoryList = { items: deps.categories.all() };

  router.get('/api/categories', (ctx) => {
    ctx.body = categories;
  });

  router.post('/api/reports', auth, requireRole('resident'), async (ctx) => {
    const caller = callerOf(ctx.state);
    const key = idempotencyKeySchema.safeParse(ctx.get('Idempotency-Key'));
    if (!key.success)
      throw badRequest(
        [{ path: 'Idempotency-Key', message: key.error.issues[0]?.message ?? '' }],
        '缺少或无效的 Idempotency-Key',
      );
    // A retry of an answered submission gets its replay even over the limit: it cannot make a new ticket.
    if (!(await deps.intake.answered(caller.userId, key.data))) {
      await deps.reportRateLimit.consume(caller.userId).catch(async (error: unknown) => {
        if (!(await deps.intake.answered(caller.userId, key.data, { durable: true }))) throw error;
      });
    }
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

  router.get('/api/reports', auth, async (ctx) => {
    const caller = callerOf(ctx.state);
    const page = await deps.queries.reportedBy(caller, parseQuery(ctx, reportListQuerySchema));
    ctx.body = { items: page.items.map((ticket) => deps.view(ticket, caller)), total: page.total };
  });

  router.get('/api/reports/map', async (ctx) => {
    const map = await deps.queries.publicMap();
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = map;
  });

  router.get('/api/reports/:id', auth, async (ctx) => {
    const caller = callerOf(ctx.state);
    ctx.body = deps.view(await deps.queries.visibleTo(caller, ctx.params.id ?? ''), caller);
  });

  router.post('/api/reports/:id/confirm', auth, async (ctx) => {
    ctx.body = deps.view(
      await deps.actions.confirm(callerOf(ctx.state), ctx.params.id ?? ''),
      callerOf(ctx.state),
    );
  });

  router.post('/api/reports/:id/reopen', auth, async (ctx) => {
    const { reason } = parseBody(ctx, reasonRequestSchema);
    ctx.body = deps.view(
      await deps.actions.reopen(callerOf(ctx.state), ctx.params.id ?? '', reason),
      callerOf(ctx.state),
    );
  });

  router.post('/api/reports/:id/rate', auth, async (ctx) => {
    const rating = parseBody(ctx, rateRequestSchema);
    ctx.body = deps.view(
      await deps.actions.rate(callerOf(ctx.state), ctx.params.id ?? '', rating),
      callerOf(ctx.state),
    );
  });

  return router;
}
