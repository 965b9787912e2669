import Router from '@koa/router';
import type { Model } from 'mongoose';
import { z } from 'zod';
import type { OfficerList } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { parseQuery } from '../../http/validate';
import type { AccessTokens } from '../auth/accessTokens';
import { callerOf, requireAuth, requireRole } from '../auth/authMiddleware';
import type { TicketDocument } from '../reports/ticketModel';
import type { UserModels } from '../users/userModel';
import type { OfficerPresence } from './officerPresence';

const querySchema = z.object({ squadId: z.string().max(60).optional() });

/** Officers with their duty state, position and workload, for dispatchers and squad leaders assigning by hand. */
export function officerDirectoryRoutes(deps: {
  users: UserModels;
  presence: OfficerPresence;
  tickets: Model<TicketDocument>;
  tokens: AccessTokens;
}): Router<AppState> {
  const router = new Router<AppState>();
  router.get(
    '/api/officers',
    requireAuth(deps.tokens),
    requireRole('dispatcher', 'admin', 'squad_leader'),
    async (ctx) => {
      const caller = callerOf(ctx.state);
      const query = parseQuery(ctx, querySchema);
      const seesAll = caller.roles.includes('dispatcher') || caller.roles.includes('admin');
      const squadId = seesAll ? query.squadId : caller.squadId;
      const officers = await deps.users.User.find({
        roles: 'officer',
        disabled: false,
        ...(squadId ? { squadId } : {}),
      })
        .sort({ name: 1 })
        .lean();
      const ids = officers.map((officer) => officer._id);
      const workload = await deps.tickets.aggregate<{ _id: string; count: number }>([
        { $match: { assigneeId: { $in: ids }, status: { $in: ['assigned', 'accepted', 'on_site'] } } },
        { $group: { _id: '$assigneeId', count: { $sum: 1 } } },
      ]);
      const load = new Map(workload.map((row) => [row._id, row.count]));
      const body: OfficerList = {
        items: await Promise.all(
          officers.map(async (officer) => ({
            id: officer._id,
            name: officer.name,
            squadId: officer.squadId ?? '',
            streetId: officer.streetId ?? null,
            activeTickets: load.get(officer._id) ?? 0,
            ...(await deps.presence.status(officer._id)),
          })),
        ),
      };
      ctx.body = body;
    },
  );
  return router;
}
