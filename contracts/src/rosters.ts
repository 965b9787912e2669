import { z } from 'zod';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 HH:MM');
export const rosterDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');

/** A shift of a squad's day: it runs from its start until the next shift's start (the pattern wraps). */
export const shiftDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,19}$/),
  name: z.string().trim().min(1).max(10),
  start: clockTime,
});
export type ShiftDefinition = z.infer<typeof shiftDefinitionSchema>;

/** 白班 08:00–20:00 and 夜班 20:00–08:00 (Beijing time) unless a squad sets its own. */
export const defaultShifts: readonly ShiftDefinition[] = [
  { id: 'day', name: '白班', start: '08:00' },
  { id: 'night', name: '夜班', start: '20:00' },
];

export const squadScheduleRequestSchema = z
  .object({
    /** When on, automatic dispatch offers only the officers rostered on the current shift. */
    rosterDispatch: z.boolean(),
    shifts: z.array(shiftDefinitionSchema).min(1).max(4),
  })
  .superRefine((value, context) => {
    const ids = new Set(value.shifts.map((shift) => shift.id));
    const starts = new Set(value.shifts.map((shift) => shift.start));
    if (ids.size !== value.shifts.length || starts.size !== value.shifts.length)
      context.addIssue({ code: 'custom', path: ['shifts'], message: '班次的编号和开始时间不能重复' });
  });
export type SquadScheduleRequest = z.infer<typeof squadScheduleRequestSchema>;

export const squadScheduleSchema = z.object({
  squadId: z.string(),
  rosterDispatch: z.boolean(),
  shifts: z.array(shiftDefinitionSchema),
});
export type SquadSchedule = z.infer<typeof squadScheduleSchema>;

export const rosterEntryRequestSchema = z.object({
  officerIds: z.array(z.string().min(1)).max(100),
});
export type RosterEntryRequest = z.infer<typeof rosterEntryRequestSchema>;

export const rosterEntrySchema = z.object({
  squadId: z.string(),
  date: rosterDateSchema,
  shiftId: z.string(),
  officerIds: z.array(z.string()),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

export const rosterQuerySchema = z.object({
  from: rosterDateSchema,
  days: z.coerce.number().int().min(1).max(31).default(7),
});
export type RosterQuery = z.infer<typeof rosterQuerySchema>;

/** A squad's schedule, its roster over the days asked for, and which shift is on now. */
export const squadRosterSchema = z.object({
  schedule: squadScheduleSchema,
  entries: z.array(rosterEntrySchema),
  current: z.object({
    date: rosterDateSchema,
    shiftId: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
  }),
});
export type SquadRoster = z.infer<typeof squadRosterSchema>;
