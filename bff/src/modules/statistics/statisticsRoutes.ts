import type Router from '@koa/router';
import { rankingQuerySchema, statisticsQuerySchema } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { AlarmStatisticsService } from './alarmStatistics';
import { publicBoardCacheMs, type LiveStatistics } from './liveStatistics';
import type { TicketStatisticsService } from './ticketStatisticsService';

export function statisticsRoutes(
  api: RouteRegistry,
  deps: { tickets: TicketStatisticsService; alarms: AlarmStatisticsService; live: LiveStatistics },
): Router<AppState> {
  const { router, route } = api.router();

  route(
    { method: 'GET', path: '/api/statistics/tickets', query: statisticsQuerySchema },
    async (ctx, { query }) => {
      ctx.body = await deps.tickets.tickets(callerOf(ctx.state), query);
    },
  );

  route(
    { method: 'GET', path: '/api/statistics/ranking', query: rankingQuerySchema },
    async (ctx, { query }) => {
      ctx.body = await deps.tickets.ranking(callerOf(ctx.state), query);
    },
  );

  route(
    { method: 'GET', path: '/api/statistics/alarms', query: statisticsQuerySchema },
    async (ctx, { query }) => {
      ctx.body = await deps.alarms.alarms(callerOf(ctx.state), query);
    },
  );

  route({ method: 'GET', path: '/api/statistics/live' }, async (ctx) => {
    ctx.body = await deps.live.live(callerOf(ctx.state));
  });

  route({ method: 'GET', path: '/api/public/board' }, async (ctx) => {
    ctx.set('Cache-Control', `public, max-age=${publicBoardCacheMs / 1000}`);
    ctx.body = await deps.live.publicBoard();
  });

  return router;
}
