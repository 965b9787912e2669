import { z } from 'zod';
import { fieldErrorSchema } from './errors';
import { deviceTypeSchema, type DeviceType } from './mqtt';
import { noiseZoneClassSchema } from './devices';

/**
 * Bulk registration of devices from an .xlsx or .csv (POST /api/devices/import/preview, then
 * POST /api/devices/import). Each created device's MQTT secret is given once, in a workbook in the
 * import's answer; see docs/devices.md ("Bulk import").
 */

/** The columns of a device import sheet, in the template's order (the file may order them as it likes). */
export const deviceImportHeaders = [
  '设备编号',
  '类型',
  '住户',
  '纬度',
  '经度',
  '街道',
  '声环境功能区',
  '楼栋',
  '安装位置',
  '备注',
] as const;
export type DeviceImportHeader = (typeof deviceImportHeaders)[number];

/** Columns a file must have; the others may be left out. */
export const requiredDeviceImportHeaders: readonly DeviceImportHeader[] = ['设备编号', '类型'];

/** Device types by the names an installer writes in a sheet (the system's codes are understood too). */
export const deviceTypeNames: Readonly<Record<string, DeviceType>> = {
  噪声监测仪: 'noise_meter',
  噪声监测点: 'noise_meter',
  噪声计: 'noise_meter',
  充电检测器: 'charging_detector',
  充电探测器: 'charging_detector',
  电动车充电检测器: 'charging_detector',
  烟感: 'smoke_detector',
  烟感探测器: 'smoke_detector',
  烟雾探测器: 'smoke_detector',
};

/** The name of each type used in the template and the answers. */
export const deviceTypeLabels: Readonly<Record<DeviceType, string>> = {
  noise_meter: '噪声监测仪',
  charging_detector: '充电检测器',
  smoke_detector: '烟感探测器',
};

/** The template's example row; left in a file, it is refused with a word. */
export const deviceImportExample: Readonly<Record<DeviceImportHeader, string>> = {
  设备编号: 'smoke-example-001',
  类型: '烟感探测器',
  住户: '华洲街道某小区1栋101',
  纬度: '',
  经度: '',
  街道: '',
  声环境功能区: '',
  楼栋: '1栋',
  安装位置: '客厅',
  备注: '示例行，导入前请删除',
};

export const deviceImportLimits = {
  /** An .xlsx of 500 rows is about 40 kB: 2 MB leaves room and keeps a zip bomb small. */
  maxBytes: 2 * 1024 * 1024,
  /** Data rows per file: a building or an estate at a time. */
  maxRows: 500,
};

/** The multipart field the file comes in. */
export const deviceImportFileField = 'file';

/**
 * What happened to a row: `ready` (preview: would be created), `created` (a secret is in this answer's
 * workbook), `already_imported` (an earlier import of the same row created it and gave its secret: not
 * shown again), or `invalid` (see `errors`).
 */
export const deviceImportRowStatusSchema = z.enum(['ready', 'created', 'already_imported', 'invalid']);
export type DeviceImportRowStatus = z.infer<typeof deviceImportRowStatusSchema>;

/** The device a valid row stands for, with names resolved. */
export const deviceImportDeviceSchema = z.object({
  id: z.string(),
  type: deviceTypeSchema,
  streetId: z.string(),
  streetName: z.string(),
  lat: z.number(),
  lng: z.number(),
  zoneClass: noiseZoneClassSchema.optional(),
  householdId: z.string().optional(),
  householdAddress: z.string().optional(),
  building: z.string().optional(),
  site: z.string().optional(),
});
export type DeviceImportDevice = z.infer<typeof deviceImportDeviceSchema>;

export const deviceImportRowSchema = z.object({
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  status: deviceImportRowStatusSchema,
  /** The cells as read, by header, so a bad row can be shown as written. */
  cells: z.record(z.string(), z.string()),
  device: deviceImportDeviceSchema.optional(),
  /** `path` is the column's header (or "(行)" for the row as a whole). */
  errors: z.array(fieldErrorSchema),
  /**
   * A word on a valid row: that an earlier import's secret is not shown again (重置密钥 gives a new one),
   * or that an import cut short before its answer had its secret replaced.
   */
  note: z.string().optional(),
});
export type DeviceImportRow = z.infer<typeof deviceImportRowSchema>;

export const deviceImportTotalsSchema = z.object({
  rows: z.number().int(),
  ready: z.number().int(),
  created: z.number().int(),
  alreadyImported: z.number().int(),
  invalid: z.number().int(),
});
export type DeviceImportTotals = z.infer<typeof deviceImportTotalsSchema>;

/** POST /api/devices/import/preview (nothing written) and POST /api/devices/import (created). */
export const deviceImportResultSchema = z.object({
  committed: z.boolean(),
  rows: z.array(deviceImportRowSchema),
  totals: deviceImportTotalsSchema,
  /**
   * After an import that created devices: an .xlsx (base64) of each one's id, MQTT username and client
   * id, secret and broker address. The secrets are nowhere else in clear; like them, it is given once.
   */
  secretsWorkbook: z.string().optional(),
});
export type DeviceImportResult = z.infer<typeof deviceImportResultSchema>;
