import { Schema, type Connection, type Model } from 'mongoose';
import type { ShiftDefinition } from '@jiefang/contracts';

/** A squad's shifts and whether dispatch follows its roster; a squad without one has the default shifts. */
export interface SquadScheduleDocument {
  _id: string;
  rosterDispatch: boolean;
  shifts: ShiftDefinition[];
  updatedAt: Date;
  updatedBy: string;
}

/** Who works one shift of one day: `_id` is `${squadId}:${date}:${shiftId}`. */
export interface RosterEntryDocument {
  _id: string;
  squadId: string;
  date: string;
  shiftId: string;
  officerIds: string[];
  updatedAt: Date;
  updatedBy: string;
}

export const rosterEntryId = (squadId: string, date: string, shiftId: string) =>
  `${squadId}:${date}:${shiftId}`;

const scheduleSchema = new Schema<SquadScheduleDocument>(
  {
    _id: { type: String, required: true },
    rosterDispatch: { type: Boolean, required: true },
    shifts: { type: [{ _id: false, id: String, name: String, start: String }], required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { versionKey: false },
);

const entrySchema = new Schema<RosterEntryDocument>(
  {
    _id: { type: String, required: true },
    squadId: { type: String, required: true },
    date: { type: String, required: true },
    shiftId: { type: String, required: true },
    officerIds: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { versionKey: false },
);
entrySchema.index({ squadId: 1, date: 1 });

export function rosterModels(connection: Connection) {
  return {
    Schedule:
      (connection.models.SquadSchedule as Model<SquadScheduleDocument> | undefined) ??
      connection.model<SquadScheduleDocument>('SquadSchedule', scheduleSchema, 'squad_schedules'),
    Entry:
      (connection.models.RosterEntry as Model<RosterEntryDocument> | undefined) ??
      connection.model<RosterEntryDocument>('RosterEntry', entrySchema, 'roster_entries'),
  };
}
