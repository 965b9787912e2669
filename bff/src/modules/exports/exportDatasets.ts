import {
  alarmStatuses,
  alarmTypes,
  ticketStatuses,
  type TicketExportFeatureProperties,
} from '@jiefang/contracts';
import type { CategoryCatalogue } from '../../domain/categories';
import { categoryOfTicket } from '../../domain/ticketCategory';
import { escortServices, servedMinutes } from '../../domain/escortRules';
import type { ExportCell } from '../../domain/spreadsheetCells';
import { openTicketStatuses } from '../../domain/ticketTransitions';
import type { AlarmExportRow } from '../alarms/alarmExportSource';
import { findStreet, type District } from '../district/district';
import type { EscortHoursRow } from '../escorts/escortExportSource';
import type { TicketExportRow } from '../tickets/ticketStore';
import {
  alarmSeverityNames,
  alarmStatusNames,
  alarmTypeNames,
  beijingDateTime,
  closureKindNames,
  percent,
  priorityNames,
  ticketStatusNames,
} from './exportNames';

/** One table of the 月报 sheet: a title line, a header line, rows. */
export interface SummaryTable {
  title: string;
  headers: string[];
  rows: ExportCell[][];
}

/** Counts kept while the rows stream past (a few numbers per street, never the rows). */
export interface Summary<Row> {
  add(row: Row): void;
  tables(): SummaryTable[];
}

export interface DatasetSpec<Row> {
  /** The file's name in Chinese (工单, 告警, 志愿服务时长). */
  title: string;
  columns: ReadonlyArray<{ header: string; width: number }>;
  cells(row: Row): ExportCell[];
  summary(): Summary<Row>;
}

const yesNo = (value: boolean) => (value ? '是' : '否');

/** What each export shows, in Chinese, with street and category names resolved. */
export function exportDatasetSpecs(deps: { categories: CategoryCatalogue; district: District }) {
  const streetName = (streetId: string | null) =>
    streetId ? (findStreet(deps.district, streetId)?.properties.name ?? streetId) : '未定街道';

  /** Counters per key, in first-seen order. */
  const tally = <Counts>(fresh: () => Counts) => {
    const byKey = new Map<string, Counts>();
    return {
      of(key: string): Counts {
        let counts = byKey.get(key);
        if (!counts) byKey.set(key, (counts = fresh()));
        return counts;
      },
      entries: () => [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)),
    };
  };

  const tickets: DatasetSpec<TicketExportRow> = {
    title: '工单',
    columns: [
      { header: '工单编号', width: 28 },
      { header: '街道', width: 12 },
      { header: '网格', width: 16 },
      { header: '类别', width: 14 },
      { header: '责任部门', width: 12 },
      { header: '优先级', width: 8 },
      { header: '状态', width: 10 },
      { header: '上报时间', width: 18 },
      { header: '到场时间', width: 18 },
      { header: '办结时间', width: 18 },
      { header: '到场时限（分钟）', width: 10 },
      { header: '是否超时', width: 8 },
      { header: '上报人数', width: 8 },
      { header: '地址', width: 30 },
      { header: '问题描述', width: 40 },
      { header: '办结说明', width: 30 },
      { header: '关闭类型', width: 12 },
      { header: '关闭原因', width: 30 },
      { header: '移交单位', width: 14 },
      { header: '重复于工单', width: 28 },
      { header: '评分', width: 6 },
      { header: '纬度', width: 11 },
      { header: '经度', width: 11 },
    ],
    // Reporters' names, ids and phones are not exported; what they wrote about the problem is.
    cells: (ticket) => {
      const category = categoryOfTicket(ticket, deps.categories);
      return [
        ticket._id,
        streetName(ticket.streetId),
        ticket.gridId ?? null,
        category.name,
        category.departmentName,
        priorityNames[ticket.priority],
        ticketStatusNames[ticket.status],
        beijingDateTime(ticket.reportedAt),
        beijingDateTime(ticket.onSiteAt),
        beijingDateTime(ticket.resolvedAt),
        category.onSiteSlaMinutes,
        yesNo(ticket.slaBreached),
        ticket.reporterCount,
        ticket.address,
        ticket.description,
        ticket.resolution?.note ?? null,
        ticket.closure ? closureKindNames[ticket.closure.kind] : null,
        ticket.closure?.reason ?? null,
        ticket.closure?.passedTo ?? null,
        ticket.closure?.duplicateOfId ?? null,
        ticket.rating?.score ?? null,
        ticket.location.lat,
        ticket.location.lng,
      ];
    },
    summary() {
      const fresh = () => ({
        total: 0,
        byStatus: new Map<string, number>(),
        measured: 0,
        met: 0,
        breached: 0,
      });
      const all = fresh();
      const streets = tally(fresh);
      const count = (counts: ReturnType<typeof fresh>, ticket: TicketExportRow) => {
        counts.total += 1;
        counts.byStatus.set(ticket.status, (counts.byStatus.get(ticket.status) ?? 0) + 1);
        // Measured once the outcome is known: an officer came, or the deadline passed first.
        if (ticket.onSiteAt || ticket.slaBreached) counts.measured += 1;
        if (ticket.onSiteAt && !ticket.slaBreached) counts.met += 1;
        if (ticket.slaBreached) counts.breached += 1;
      };
      const statusCount = (counts: ReturnType<typeof fresh>, statuses: readonly string[]) =>
        statuses.reduce((sum, status) => sum + (counts.byStatus.get(status) ?? 0), 0);
      return {
        add(ticket) {
          count(all, ticket);
          count(streets.of(streetName(ticket.streetId)), ticket);
        },
        tables: () => [
          {
            title: '按状态',
            headers: ['状态', '工单数'],
            rows: [
              ...ticketStatuses.map((status): ExportCell[] => [
                ticketStatusNames[status],
                all.byStatus.get(status) ?? 0,
              ]),
              ['合计', all.total],
            ],
          },
          {
            title: '到场时限达标',
            headers: ['已考核工单', '按时到场', '超时', '达标率（%）'],
            rows: [[all.measured, all.met, all.breached, percent(all.met, all.measured)]],
          },
          {
            title: '按街道',
            headers: ['街道', '工单数', '处理中', '已办结', '已关闭', '超时', '达标率（%）'],
            rows: streets
              .entries()
              .map(([name, counts]) => [
                name,
                counts.total,
                statusCount(counts, openTicketStatuses),
                statusCount(counts, ['resolved', 'confirmed']),
                statusCount(counts, ['closed']),
                counts.breached,
                percent(counts.met, counts.measured),
              ]),
          },
        ],
      };
    },
  };

  const alarms: DatasetSpec<AlarmExportRow> = {
    title: '告警',
    columns: [
      { header: '告警编号', width: 30 },
      { header: '街道', width: 12 },
      { header: '设备编号', width: 18 },
      { header: '告警类型', width: 14 },
      { header: '级别', width: 8 },
      { header: '状态', width: 8 },
      { header: '次数', width: 6 },
      { header: '地点', width: 20 },
      { header: '发生时间', width: 18 },
      { header: '最近一次', width: 18 },
      { header: '确认时间', width: 18 },
      { header: '解除时间', width: 18 },
      { header: '关联工单', width: 28 },
    ],
    // The household is left out: whose home an alarm went off in stays with the street's staff.
    cells: (alarm) => [
      alarm._id,
      streetName(alarm.streetId),
      alarm.deviceId,
      alarmTypeNames[alarm.type],
      alarmSeverityNames[alarm.severity],
      alarmStatusNames[alarm.status],
      alarm.count,
      alarm.site,
      beijingDateTime(alarm.openedAt),
      beijingDateTime(alarm.lastDetectedAt),
      beijingDateTime(alarm.acknowledgedAt),
      beijingDateTime(alarm.clearedAt),
      alarm.ticketId,
    ],
    summary() {
      const byType = new Map<string, number>();
      const byStatus = new Map<string, number>();
      const streets = tally(() => ({ total: 0, byType: new Map<string, number>() }));
      let total = 0;
      return {
        add(alarm) {
          total += 1;
          byType.set(alarm.type, (byType.get(alarm.type) ?? 0) + 1);
          byStatus.set(alarm.status, (byStatus.get(alarm.status) ?? 0) + 1);
          const street = streets.of(streetName(alarm.streetId));
          street.total += 1;
          street.byType.set(alarm.type, (street.byType.get(alarm.type) ?? 0) + 1);
        },
        tables: () => [
          {
            title: '按类型',
            headers: ['告警类型', '次数'],
            rows: [
              ...alarmTypes.map((type): ExportCell[] => [alarmTypeNames[type], byType.get(type) ?? 0]),
              ['合计', total],
            ],
          },
          {
            title: '按状态',
            headers: ['状态', '次数'],
            rows: alarmStatuses.map((status) => [alarmStatusNames[status], byStatus.get(status) ?? 0]),
          },
          {
            title: '按街道',
            headers: ['街道', '合计', ...alarmTypes.map((type) => alarmTypeNames[type])],
            rows: streets
              .entries()
              .map(([name, counts]) => [
                name,
                counts.total,
                ...alarmTypes.map((type) => counts.byType.get(type) ?? 0),
              ]),
          },
        ],
      };
    },
  };

  const minutesOf = (escort: EscortHoursRow) =>
    escort.checkedInAt && escort.completedAt
      ? servedMinutes(escort.checkedInAt, escort.completedAt, escort.windowStart)
      : 0;

  const escortHours: DatasetSpec<EscortHoursRow> = {
    title: '志愿服务时长',
    columns: [
      { header: '服务编号', width: 28 },
      { header: '街道', width: 12 },
      { header: '服务类型', width: 10 },
      { header: '志愿者', width: 12 },
      { header: '预约开始', width: 18 },
      { header: '预约结束', width: 18 },
      { header: '签到时间', width: 18 },
      { header: '完成时间', width: 18 },
      { header: '服务时长（分钟）', width: 10 },
      { header: '已审核', width: 8 },
      { header: '评分', width: 6 },
    ],
    // The elder (name, address, needs) is not exported: this is the volunteers' ledger.
    cells: (escort) => [
      escort._id,
      streetName(escort.streetId),
      escortServices[escort.serviceType].name,
      escort.volunteerName,
      beijingDateTime(escort.windowStart),
      beijingDateTime(escort.windowEnd),
      beijingDateTime(escort.checkedInAt),
      beijingDateTime(escort.completedAt),
      minutesOf(escort),
      yesNo(escort.hoursReviewed),
      escort.rating?.score ?? null,
    ],
    summary() {
      const fresh = () => ({ services: 0, minutes: 0, reviewed: 0, volunteers: new Set<string>() });
      const all = fresh();
      const streets = tally(fresh);
      const count = (counts: ReturnType<typeof fresh>, escort: EscortHoursRow) => {
        const minutes = minutesOf(escort);
        counts.services += 1;
        counts.minutes += minutes;
        if (escort.hoursReviewed) counts.reviewed += minutes;
        if (escort.volunteerId) counts.volunteers.add(escort.volunteerId);
      };
      const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
      const line = (name: string, counts: ReturnType<typeof fresh>): ExportCell[] => [
        name,
        counts.services,
        counts.volunteers.size,
        hours(counts.minutes),
        hours(counts.reviewed),
      ];
      return {
        add(escort) {
          count(all, escort);
          count(streets.of(streetName(escort.streetId)), escort);
        },
        tables: () => [
          {
            title: '按街道',
            headers: ['街道', '服务次数', '志愿者人数', '服务时长（小时）', '已审核（小时）'],
            rows: [...streets.entries().map(([name, counts]) => line(name, counts)), line('合计', all)],
          },
        ],
      };
    },
  };

  /** A ticket as a GeoJSON feature (WGS-84, [lng, lat]) for GIS users: no words, no people. */
  const ticketFeature = (ticket: TicketExportRow) => {
    const properties: TicketExportFeatureProperties = {
      id: ticket._id,
      category: ticket.category,
      categoryName: categoryOfTicket(ticket, deps.categories).name,
      status: ticket.status,
      statusName: ticketStatusNames[ticket.status],
      priority: ticket.priority,
      streetId: ticket.streetId,
      streetName: ticket.streetId ? streetName(ticket.streetId) : null,
      reportedAt: ticket.reportedAt.toISOString(),
      onSiteAt: ticket.onSiteAt?.toISOString() ?? null,
      resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
      slaBreached: ticket.slaBreached,
    };
    return {
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [ticket.location.lng, ticket.location.lat] },
      properties,
    };
  };

  return { tickets, alarms, escortHours, ticketFeature };
}

export type ExportDatasetSpecs = ReturnType<typeof exportDatasetSpecs>;
