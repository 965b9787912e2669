import type { Connection } from 'mongoose';
import type { Clock } from '../../infra/clock';
import {
  beijingDate,
  beijingDayNumber,
  beijingDayStart,
  defaultShifts,
  type SquadScheduleRequest,
} from '@jiefang/contracts';
import { shiftAt, type ShiftOccurrence } from '../../domain/shiftSchedule';
import {
  rosterEntryId,
  rosterModels,
  type RosterEntryDocument,
  type SquadScheduleDocument,
} from './rosterModel';

export interface SquadSchedule {
  squadId: string;
  rosterDispatch: boolean;
  shifts: SquadScheduleDocument['shifts'];
  updatedAt: Date | null;
}

const defaultSchedule = (squadId: string): SquadSchedule => ({
  squadId,
  rosterDispatch: false,
  shifts: defaultShifts.map((shift) => ({ ...shift })),
  updatedAt: null,
});

const fromDocument = (document: SquadScheduleDocument): SquadSchedule => ({
  squadId: document._id,
  rosterDispatch: document.rosterDispatch,
  shifts: document.shifts,
  updatedAt: document.updatedAt,
});

/** The dates `from` and the `days - 1` after it. */
export function rosterDates(from: string, days: number): string[] {
  const first = beijingDayNumber(Date.parse(`${from}T12:00:00+08:00`));
  return Array.from({ length: days }, (_, offset) => beijingDate(beijingDayStart(first + offset)));
}

/** How long dispatch trusts its list of the squads that dispatch by roster. */
const rosteredCacheMs = 5_000;

/** Squads' shifts and rosters in MongoDB; every read is by `_id` or by (squadId, date), which is indexed. */
export function rosterStore(connection: Connection, clock: Clock) {
  const { Schedule, Entry } = rosterModels(connection);

  const schedulesOf = async (squadIds: readonly string[]): Promise<Map<string, SquadSchedule>> => {
    if (!squadIds.length) return new Map();
    const documents = await Schedule.find({ _id: { $in: [...squadIds] } }).lean<SquadScheduleDocument[]>();
    const found = new Map(documents.map((document) => [document._id, fromDocument(document)]));
    return new Map(squadIds.map((squadId) => [squadId, found.get(squadId) ?? defaultSchedule(squadId)]));
  };

  let rosteredSchedules: { readAt: number; schedules: SquadSchedule[] } | null = null;

  /** Who works the shift on at `at` in each of the schedules given (an unplanned shift: nobody). */
  const onShiftIn = async (schedules: readonly SquadSchedule[], at: number) => {
    const shifts = new Map(schedules.map((schedule) => [schedule.squadId, shiftAt(schedule.shifts, at)]));
    const entries = shifts.size
      ? await Entry.find({
          _id: {
            $in: [...shifts].map(([squadId, shift]) => rosterEntryId(squadId, shift.date, shift.shiftId)),
          },
        }).lean<RosterEntryDocument[]>()
      : [];
    const bySquad = new Map(entries.map((entry) => [entry.squadId, entry]));
    return new Map(
      [...shifts].map(([squadId, shift]) => [
        squadId,
        { shift, officerIds: new Set(bySquad.get(squadId)?.officerIds ?? []) },
      ]),
    );
  };

  return {
    schedulesOf,

    /**
     * For dispatch: the squads that dispatch by roster, each with the officers of the shift on at `at`.
     * Which squads roster is read at most every few seconds (each report is dispatched; schedules change
     * seldom); a schedule saved here is seen at once, one saved on another instance within that time.
     */
    async rosteredNow(at: number): Promise<Map<string, Set<string>>> {
      const now = clock.now().getTime();
      if (!rosteredSchedules || rosteredSchedules.readAt + rosteredCacheMs < now) {
        const documents = await Schedule.find({ rosterDispatch: true }).lean<SquadScheduleDocument[]>();
        rosteredSchedules = { readAt: now, schedules: documents.map(fromDocument) };
      }
      const rostered = rosteredSchedules.schedules;
      if (!rostered.length) return new Map();
      const onShift = await onShiftIn(rostered, at);
      return new Map([...onShift].map(([squadId, { officerIds }]) => [squadId, officerIds]));
    },

    async scheduleOf(squadId: string): Promise<SquadSchedule> {
      return (await schedulesOf([squadId])).get(squadId) as SquadSchedule;
    },

    /** Every squad that has saved a schedule (the others keep the default shifts and no roster dispatch). */
    async savedSchedules(): Promise<SquadSchedule[]> {
      return (await Schedule.find({}).lean<SquadScheduleDocument[]>()).map(fromDocument);
    },

    async saveSchedule(squadId: string, request: SquadScheduleRequest, actorId: string, at: Date) {
      const document: SquadScheduleDocument = {
        _id: squadId,
        rosterDispatch: request.rosterDispatch,
        shifts: request.shifts,
        updatedAt: at,
        updatedBy: actorId,
      };
      await Schedule.replaceOne({ _id: squadId }, document, { upsert: true });
      rosteredSchedules = null;
      return fromDocument(document);
    },

    async entries(squadId: string, dates: readonly string[]): Promise<RosterEntryDocument[]> {
      if (!dates.length) return [];
      return Entry.find({ squadId, date: { $gte: dates[0], $lte: dates[dates.length - 1] } })
        .sort({ date: 1, shiftId: 1 })
        .lean<RosterEntryDocument[]>();
    },

    async entriesById(ids: readonly string[]): Promise<RosterEntryDocument[]> {
      if (!ids.length) return [];
      return Entry.find({ _id: { $in: [...ids] } }).lean<RosterEntryDocument[]>();
    },

    /** Replaces who works a shift: a repeated request leaves the same roster (idempotent). */
    async setEntry(
      entry: Pick<RosterEntryDocument, 'squadId' | 'date' | 'shiftId' | 'officerIds'>,
      actorId: string,
      at: Date,
    ): Promise<RosterEntryDocument> {
      const document: RosterEntryDocument = {
        _id: rosterEntryId(entry.squadId, entry.date, entry.shiftId),
        ...entry,
        officerIds: [...new Set(entry.officerIds)],
        updatedAt: at,
        updatedBy: actorId,
      };
      await Entry.replaceOne({ _id: document._id }, document, { upsert: true });
      return document;
    },

    /**
     * For the officer list: per squad, the officers rostered on the shift on at `at`, or null when the
     * squad does not dispatch by roster (then every officer on duty may be offered).
     */
    async officersOnShift(
      squadIds: readonly string[],
      at: number,
    ): Promise<Map<string, { shift: ShiftOccurrence; officerIds: Set<string> } | null>> {
      const schedules = await schedulesOf([...new Set(squadIds)]);
      const onShift = await onShiftIn(
        [...schedules.values()].filter((schedule) => schedule.rosterDispatch),
        at,
      );
      return new Map([...schedules.keys()].map((squadId) => [squadId, onShift.get(squadId) ?? null]));
    },
  };
}

export type RosterStore = ReturnType<typeof rosterStore>;
