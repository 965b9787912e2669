import type Router from '@koa/router';
import {
  rosterEntryRequestSchema,
  rosterQuerySchema,
  squadScheduleRequestSchema,
  rosterDateSchema,
  type RosterEntry,
  type SquadRoster,
} from '@jiefang/contracts';
import { shiftAt } from '../../domain/shiftSchedule';
import type { AppState, Caller } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import { badRequest, forbidden, notFound } from '../../http/httpError';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { Clock } from '../../infra/clock';
import { adminStreetOf, reachesDistrict } from '../../domain/staffScope';
import { findStreet, type District } from '../district/district';
import type { OfficerAccounts } from '../users/officerAccounts';
import type { RosterEntryDocument } from './rosterModel';
import { rosterDates, type RosterStore } from './rosterStore';

const entryView = (entry: RosterEntryDocument): RosterEntry => ({
  squadId: entry.squadId,
  date: entry.date,
  shiftId: entry.shiftId,
  officerIds: entry.officerIds,
  updatedAt: entry.updatedAt.toISOString(),
  updatedBy: entry.updatedBy,
});

/** Squads' shifts and who works them: officers read their own squad's; leaders plan their own squad's. */
export function rosterRoutes(
  api: RouteRegistry,
  deps: { rosters: RosterStore; officers: OfficerAccounts; district: District; clock: Clock },
): Router<AppState> {
  const { router, route } = api.router();

  /** The squad must exist; officers and squad leaders reach their own squad only. */
  const squadFor = (caller: Caller, squadId: string) => {
    if (!deps.district.features.some((street) => street.properties.squadId === squadId))
      throw notFound('没有这个中队');
    const ownStreet = adminStreetOf(caller);
    if (ownStreet !== undefined) {
      if (findStreet(deps.district, ownStreet)?.properties.squadId !== squadId)
        throw forbidden('街道管理员只能查看或安排本街道中队的排班');
    } else if (!reachesDistrict(caller) && caller.squadId !== squadId)
      throw forbidden('只能查看或安排本中队的排班');
    return squadId;
  };

  route(
    { method: 'GET', path: '/api/squads/:squadId/roster', query: rosterQuerySchema },
    async (ctx, { query }) => {
      const squadId = squadFor(callerOf(ctx.state), ctx.params.squadId ?? '');
      const schedule = await deps.rosters.scheduleOf(squadId);
      const entries = await deps.rosters.entries(squadId, rosterDates(query.from, query.days));
      const current = shiftAt(schedule.shifts, deps.clock.now().getTime());
      const body: SquadRoster = {
        schedule: { squadId, rosterDispatch: schedule.rosterDispatch, shifts: schedule.shifts },
        entries: entries.map(entryView),
        current: {
          date: current.date,
          shiftId: current.shiftId,
          startsAt: new Date(current.startsAt).toISOString(),
          endsAt: new Date(current.endsAt).toISOString(),
        },
      };
      ctx.body = body;
    },
  );

  route(
    { method: 'PUT', path: '/api/squads/:squadId/schedule', body: squadScheduleRequestSchema },
    async (ctx, { body }) => {
      const caller = callerOf(ctx.state);
      const squadId = squadFor(caller, ctx.params.squadId ?? '');
      const saved = await deps.rosters.saveSchedule(squadId, body, caller.userId, deps.clock.now());
      ctx.body = { squadId, rosterDispatch: saved.rosterDispatch, shifts: saved.shifts };
    },
  );

  route(
    { method: 'PUT', path: '/api/squads/:squadId/roster/:date/:shiftId', body: rosterEntryRequestSchema },
    async (ctx, { body }) => {
      const caller = callerOf(ctx.state);
      const squadId = squadFor(caller, ctx.params.squadId ?? '');
      const date = rosterDateSchema.safeParse(ctx.params.date);
      if (!date.success) throw badRequest([{ path: 'date', message: '日期格式为 YYYY-MM-DD' }]);
      const shiftId = ctx.params.shiftId ?? '';
      const schedule = await deps.rosters.scheduleOf(squadId);
      if (!schedule.shifts.some((shift) => shift.id === shiftId))
        throw badRequest([{ path: 'shiftId', message: `本中队没有这个班次：${shiftId}` }]);
      const squadOfficers = new Set((await deps.officers.enabled(squadId)).map((officer) => officer._id));
      const strangers = body.officerIds.filter((officerId) => !squadOfficers.has(officerId));
      if (strangers.length)
        throw badRequest(
          strangers.map((officerId) => ({
            path: 'officerIds',
            message: `不是本中队在岗的队员：${officerId}`,
          })),
        );
      const entry = await deps.rosters.setEntry(
        { squadId, date: date.data, shiftId, officerIds: body.officerIds },
        caller.userId,
        deps.clock.now(),
      );
      ctx.body = entryView(entry);
    },
  );

  return router;
}
