import mongoose from 'mongoose';
import type { DeviceOutcome, ReportOutcome } from './chaosLoad';

export interface Tally {
  acknowledged: number;
  found: number;
  lost: number;
  duplicated: number;
}

export interface ChaosFigures {
  reports: Tally;
  alarms: Tally;
  slaEvents: Tally;
  notifications: Tally;
  /** Reports whose client gave up before any answer: neither acknowledged nor counted as lost. */
  unansweredReports: number;
}

interface TicketRecord {
  _id: string;
  reporterIds: string[];
  status: string;
  deadlines: { warnAt: Date; breachAt: Date };
  timeline: Array<{ action: string }>;
}

const slaRunning = new Set(['dispatch_queue', 'assigned', 'accepted', 'reopened']);

/** Counts, from MongoDB and the delivery log, what the load was promised against what exists now. */
export async function countOutcomes(options: {
  mongodbUrl: string;
  database: string;
  reports: ReportOutcome[];
  devices: DeviceOutcome[];
  deliveries: string[];
  now: Date;
}): Promise<ChaosFigures> {
  const connection = await mongoose
    .createConnection(options.mongodbUrl, { dbName: options.database })
    .asPromise();
  try {
    const db = connection.db!;
    const tickets = (await db
      .collection('tickets')
      .find({}, { projection: { reporterIds: 1, status: 1, deadlines: 1, timeline: 1 } })
      .toArray()) as unknown as TicketRecord[];
    const alarms = await db
      .collection<{ deviceId: string; count: number }>('alarms')
      .find({}, { projection: { deviceId: 1, count: 1 } })
      .toArray();
    const outbox = await db
      .collection('outbox')
      .find({}, { projection: { _id: 1 } })
      .toArray();

    const acknowledgedTickets = new Set(
      options.reports.flatMap((report) => (report.ticketId ? [report.ticketId] : [])),
    );
    const ticketIds = new Set(tickets.map((ticket) => ticket._id));
    const lostReports = [...acknowledgedTickets].filter((id) => !ticketIds.has(id)).length;
    // A resident's keys each make at most one ticket (their own or one they joined).
    const keysOf = new Map<string, number>();
    for (const report of options.reports)
      keysOf.set(report.residentId, (keysOf.get(report.residentId) ?? 0) + 1);
    const ticketsOf = new Map<string, number>();
    for (const ticket of tickets)
      for (const reporter of new Set(ticket.reporterIds))
        ticketsOf.set(reporter, (ticketsOf.get(reporter) ?? 0) + 1);
    let duplicatedReports = 0;
    for (const [resident, count] of ticketsOf)
      duplicatedReports += Math.max(0, count - (keysOf.get(resident) ?? 0));

    const countOf = new Map<string, number>();
    for (const alarm of alarms) countOf.set(alarm.deviceId, (countOf.get(alarm.deviceId) ?? 0) + alarm.count);
    const alarmTally: Tally = { acknowledged: 0, found: 0, lost: 0, duplicated: 0 };
    for (const device of options.devices) {
      const found = countOf.get(device.deviceId) ?? 0;
      alarmTally.acknowledged += device.acknowledged;
      alarmTally.found += found;
      alarmTally.lost += Math.max(0, device.acknowledged - found);
      alarmTally.duplicated += Math.max(0, found - device.published);
    }

    const slaTally: Tally = { acknowledged: 0, found: 0, lost: 0, duplicated: 0 };
    for (const ticket of tickets) {
      if (!slaRunning.has(ticket.status)) continue;
      for (const [action, due] of [
        ['sla_warning', ticket.deadlines.warnAt],
        ['sla_breached', ticket.deadlines.breachAt],
      ] as const) {
        if (new Date(due) > options.now) continue;
        const fired = ticket.timeline.filter((entry) => entry.action === action).length;
        slaTally.acknowledged += 1;
        slaTally.found += Math.min(fired, 1);
        slaTally.lost += fired === 0 ? 1 : 0;
        slaTally.duplicated += Math.max(0, fired - 1);
      }
    }

    const delivered = new Map<string, number>();
    for (const id of options.deliveries) delivered.set(id, (delivered.get(id) ?? 0) + 1);
    const promised = outbox.map((entry) => String(entry._id));
    const notificationTally: Tally = {
      acknowledged: promised.length,
      found: promised.filter((id) => delivered.has(id)).length,
      lost: promised.filter((id) => !delivered.has(id)).length,
      duplicated: [...delivered.values()].reduce((sum, count) => sum + count - 1, 0),
    };

    return {
      reports: {
        acknowledged: acknowledgedTickets.size,
        found: acknowledgedTickets.size - lostReports,
        lost: lostReports,
        duplicated: duplicatedReports,
      },
      alarms: alarmTally,
      slaEvents: slaTally,
      notifications: notificationTally,
      unansweredReports: options.reports.filter((report) => !report.ticketId).length,
    };
  } finally {
    await connection.close();
  }
}

export function formatFigures(figures: ChaosFigures): string {
  const rows = (['reports', 'alarms', 'slaEvents', 'notifications'] as const).map((name) => {
    const tally = figures[name];
    return [name, tally.acknowledged, tally.found, tally.lost, tally.duplicated];
  });
  const table = [['', 'acknowledged', 'found', 'lost', 'duplicated'], ...rows];
  const lines = table.map((row) => row.map((cell, index) => String(cell).padStart(index ? 13 : 14)).join(''));
  return [...lines, `reports never answered before the clients gave up: ${figures.unansweredReports}`].join(
    '\n',
  );
}
