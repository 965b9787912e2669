import { adminStreetOf, reachesDistrict } from '../../domain/staffScope';
import type { Writable } from 'node:stream';
import type { ExportDataset, ExportFormat, ExportQuery } from '@jiefang/contracts';
import type { Caller } from '../../http/appState';
import { badRequest, forbidden } from '../../http/httpError';
import type { Clock } from '../../infra/clock';
import type { AlarmExportRow } from '../alarms/alarmExportSource';
import { findStreet, type District } from '../district/district';
import type { EscortHoursRow } from '../escorts/escortExportSource';
import type { TicketExportRow } from '../tickets/ticketStore';
import type { DatasetSpec, ExportDatasetSpecs } from './exportDatasets';
import { beijingDateTime } from './exportNames';
import { writeCsv, writeGeoJson, writeXlsx } from './exportWriters';

/** A window of instants, [from, to), and the street it is limited to (none: the whole district). */
export interface ExportWindow {
  from: Date;
  to: Date;
  streetId?: string;
}

/** Where the rows come from: each owning module reads its collection through one cursor in batches. */
export interface ExportSources {
  tickets: { reportedBetween(window: ExportWindow, batchSize: number): AsyncIterable<TicketExportRow> };
  alarms: { openedBetween(window: ExportWindow, batchSize: number): AsyncIterable<AlarmExportRow> };
  escorts: { completedBetween(window: ExportWindow, batchSize: number): AsyncIterable<EscortHoursRow> };
}

/** An export ready to stream: what the response says it is, and the writing itself. */
export interface PreparedExport {
  filename: string;
  contentType: string;
  write(sink: Writable): Promise<void>;
}

const contentTypes: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
};

const dayMs = 86_400_000;

/**
 * Monthly exports of tickets, alarms and escort hours. Scope: admins and dispatchers the whole district
 * or any one street; squad leaders their squad's street and community workers their own street, always
 * (asking for another street is refused, not silently narrowed).
 */
export function exportService(deps: {
  sources: ExportSources;
  specs: ExportDatasetSpecs;
  district: District;
  staff: { streetOf(userId: string): Promise<string | null> };
  clock: Clock;
  /** Rows fetched per round trip from the database (bounded memory, whatever the range). */
  batchSize?: number;
}) {
  const batchSize = deps.batchSize ?? 500;

  const scopeOf = async (caller: Caller, requested: string | undefined) => {
    const street = requested === undefined ? undefined : findStreet(deps.district, requested);
    if (requested !== undefined && !street)
      throw badRequest([{ path: 'street', message: `没有这个街道：${requested}` }]);
    if (reachesDistrict(caller))
      return street
        ? { streetId: street.properties.id, name: street.properties.name }
        : { streetId: undefined, name: '全区' };
    // A street's administrator: their street, from the session.
    const ownStreetId =
      adminStreetOf(caller) ??
      (caller.roles.includes('squad_leader')
        ? deps.district.features.find((feature) => feature.properties.squadId === caller.squadId)?.properties
            .id
        : await deps.staff.streetOf(caller.userId));
    const own = ownStreetId ? findStreet(deps.district, ownStreetId) : undefined;
    if (!own) throw forbidden('你的账号没有所属街道，无法导出');
    if (street && street.properties.id !== own.properties.id) throw forbidden('只能导出本街道的数据');
    return { streetId: own.properties.id, name: own.properties.name };
  };

  const streamOf = <Row>(
    spec: DatasetSpec<Row>,
    rows: AsyncIterable<Row>,
    format: ExportFormat,
    meta: Parameters<typeof writeXlsx>[3],
    feature?: (row: Row) => unknown,
  ) => {
    return (sink: Writable) => {
      if (format === 'xlsx') return writeXlsx(sink, spec, rows, meta);
      if (format === 'geojson' && feature) return writeGeoJson(sink, rows, feature);
      return writeCsv(sink, spec, rows);
    };
  };

  return {
    /** Checks scope and range and names the file; nothing is read until `write`. */
    async prepare(
      caller: Caller,
      dataset: ExportDataset,
      format: ExportFormat,
      query: ExportQuery,
    ): Promise<PreparedExport> {
      const scope = await scopeOf(caller, query.street);
      const window: ExportWindow = {
        from: new Date(Date.parse(`${query.from}T00:00:00+08:00`)),
        to: new Date(Date.parse(`${query.to}T00:00:00+08:00`) + dayMs),
        ...(scope.streetId ? { streetId: scope.streetId } : {}),
      };
      const meta = {
        scopeName: scope.name,
        from: query.from,
        to: query.to,
        exportedAt: beijingDateTime(deps.clock.now()) ?? '',
      };
      const { specs, sources } = deps;
      const write =
        dataset === 'tickets'
          ? streamOf(
              specs.tickets,
              sources.tickets.reportedBetween(window, batchSize),
              format,
              meta,
              specs.ticketFeature,
            )
          : dataset === 'alarms'
            ? streamOf(specs.alarms, sources.alarms.openedBetween(window, batchSize), format, meta)
            : streamOf(specs.escortHours, sources.escorts.completedBetween(window, batchSize), format, meta);
      const title = { tickets: specs.tickets, alarms: specs.alarms, 'escort-hours': specs.escortHours }[
        dataset
      ].title;
      return {
        filename: `${scope.name}${title}_${query.from}至${query.to}.${format}`,
        contentType: contentTypes[format],
        write,
      };
    },
  };
}

export type ExportService = ReturnType<typeof exportService>;
