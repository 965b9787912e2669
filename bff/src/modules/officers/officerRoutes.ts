import Router from '@koa/router';
import { dutyRequestSchema, locationRequestSchema, type Ticket } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { forbidden, unprocessable } from '../../http/httpError';
import { parseBody } from '../../http/validate';
import type { AccessTokens } from '../auth/accessTokens';
import { callerOf, requireAuth, requireRole } from '../../http/callerAccess';
import type { TicketDocument } from '../tickets/ticketModel';
import type { TicketQueries } from '../tickets/ticketQueries';
import type { TicketViewer } from '../tickets/ticketView';
import type { OfficerPresence } from './officerPresence';

/** An officer's own duty state, position and assignments. */
export function officerRoutes(deps: {
  presence: OfficerPresence;
  tokens: AccessTokens;
  tickets: Pick<TicketQueries, 'heldBy'>;
  view: (ticket: TicketDocument, viewer: TicketViewer) => Ticket;
}): Router<AppState> {
  const router = new Router<AppState>();
  router.use('/api/officer', requireAuth(deps.tokens), requireRole('officer', 'squad_leader'));

  const squadOf = (state: AppState) => {
    const caller = callerOf(state);
    if (!caller.squadId) throw forbidden('你还没有加入执法中队');
    return { id: caller.userId, squadId: caller.squadId, ...(caller.name ? { name: caller.name } : {}) };
  };

  router.post('/api/officer/duty', async (ctx) => {
    const officer = squadOf(ctx.state);
    const request = parseBody(ctx, dutyRequestSchema);
    await deps.presence.setDuty(officer, request.onDuty, request.travelMode);
    ctx.body = await deps.presence.status(officer.id);
  });

  router.post('/api/officer/location', async (ctx) => {
    const officer = squadOf(ctx.state);
    const location = parseBody(ctx, locationRequestSchema);
    if (!(await deps.presence.updateLocation(officer.id, location))) {
      throw unprocessable('请先上班（开启在岗）再共享位置');
    }
    ctx.body = await deps.presence.status(officer.id);
  });

  router.get('/api/officer/status', async (ctx) => {
    ctx.body = await deps.presence.status(squadOf(ctx.state).id);
  });

  router.get('/api/officer/tickets', async (ctx) => {
    const officer = squadOf(ctx.state);
    const items = await deps.tickets.heldBy(officer.id);
    ctx.body = { items: items.map((ticket) => deps.view(ticket, callerOf(ctx.state))), total: items.length };
  });

  return router;
}
