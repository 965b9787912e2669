import Router from '@koa/router';
import type { Model } from 'mongoose';
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
import type { Clock } from '../../infra/clock';
import { badRequest, notFound } from '../../http/httpError';
import { readMultipart } from '../../http/multipart';
import type { RateLimit } from '../../http/rateLimit';
import { fieldErrorsOf, parseBody, parseQuery } from '../../http/validate';
import type { CategoryCatalogue } from '../../domain/categories';
import type { AccessTokens } from '../auth/accessTokens';
import { callerOf, requireAuth, requireRole } from '../auth/authMiddleware';
import type { TicketActions } from '../tickets/ticketActions';
import type { ReportIntake } from './reportIntake';
import { assertCanViewTicket } from './ticketAccess';
import type { TicketDocument } from './ticketModel';
import { ticketPage } from './ticketPages';
import type { TicketViewer } from './ticketView';

export interface ReportRoutesDeps {
  intake: ReportIntake;
  actions: TicketActions;
  tickets: Model<TicketDocument>;
  categories: CategoryCatalogue;
  tokens: AccessTokens;
  reportRateLimit: RateLimit;
  clock: Clock;
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
    const query = parseQuery(ctx, reportListQuerySchema);
    const filter: Record<string, unknown> = { reporterIds: caller.userId };
    if (query.status) filter.status = query.status;
    ctx.body = await ticketPage(deps.tickets, filter, query, (ticket) => deps.view(ticket, caller));
  });

  // Anonymised points for the public map: no ids, no text, position rounded to about 100 m.
  router.get('/api/reports/map', async (ctx) => {
    const since = new Date(deps.clock.now().getTime() - 7 * 24 * 3600_000);
    const recent = await deps.tickets
      .find({ reportedAt: { $gte: since } }, { category: 1, status: 1, location: 1 })
      .limit(2000)
      .lean<Array<Pick<TicketDocument, 'category' | 'status' | 'location'>>>();
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = {
      items: recent.map((ticket) => ({
        category: ticket.category,
        status: ticket.status,
        lat: Math.round(ticket.location.lat * 1000) / 1000,
        lng: Math.round(ticket.location.lng * 1000) / 1000,
      })),
    };
  });

  router.get('/api/reports/:id', auth, async (ctx) => {
    const ticket = await deps.tickets.findById(ctx.params.id).lean<TicketDocument>();
    if (!ticket) throw notFound('工单不存在');
    assertCanViewTicket(callerOf(ctx.state), ticket);
    ctx.body = deps.view(ticket, callerOf(ctx.state));
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
