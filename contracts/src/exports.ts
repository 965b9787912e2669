import { z } from 'zod';

/**
 * Monthly exports (月报): tickets, alarms and escort service hours for a range of Beijing days and a
 * street, as Excel or CSV (and tickets as GeoJSON for GIS). District staff (admins, dispatchers) may
 * choose any street or all; a squad leader's or community worker's export is always their own street.
 */
export const exportLimits = {
  /** At most a year in one export. */
  maxDays: 366,
} as const;

const beijingDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const exportQuerySchema = z
  .object({
    /** First Beijing day, inclusive. */
    from: beijingDaySchema,
    /** Last Beijing day, inclusive. */
    to: beijingDaySchema,
    /** A street id; absent for the whole district (district staff only). */
    street: z.string().trim().min(1).max(40).optional(),
  })
  .refine((query) => query.from <= query.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine(
    (query) =>
      Number.isFinite(Date.parse(`${query.from}T00:00:00+08:00`)) &&
      Number.isFinite(Date.parse(`${query.to}T00:00:00+08:00`)),
    { message: '日期无效', path: ['from'] },
  )
  .refine(
    (query) =>
      (Date.parse(`${query.to}T00:00:00Z`) - Date.parse(`${query.from}T00:00:00Z`)) / 86_400_000 <
      exportLimits.maxDays,
    { message: `一次最多导出 ${exportLimits.maxDays} 天`, path: ['to'] },
  );
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export const exportDatasets = ['tickets', 'alarms', 'escort-hours'] as const;
export type ExportDataset = (typeof exportDatasets)[number];
export const exportFormats = ['xlsx', 'csv', 'geojson'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Which formats each dataset comes in: only tickets carry a point worth mapping. */
export const exportFormatsOf: Record<ExportDataset, readonly ExportFormat[]> = {
  tickets: ['xlsx', 'csv', 'geojson'],
  alarms: ['xlsx', 'csv'],
  'escort-hours': ['xlsx', 'csv'],
};

export const exportPath = (dataset: ExportDataset, format: ExportFormat): string =>
  `/api/exports/${dataset}.${format}`;

/** The properties of one ticket in the GeoJSON export (a Point in WGS-84, [lng, lat]). */
export const ticketExportFeaturePropertiesSchema = z.object({
  id: z.string(),
  category: z.string(),
  categoryName: z.string(),
  status: z.string(),
  statusName: z.string(),
  priority: z.string(),
  streetId: z.string().nullable(),
  streetName: z.string().nullable(),
  reportedAt: z.string(),
  onSiteAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  slaBreached: z.boolean(),
});
export type TicketExportFeatureProperties = z.infer<typeof ticketExportFeaturePropertiesSchema>;
