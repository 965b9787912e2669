import {
  beijingClock,
  beijingDate,
  deviceImportHeaders,
  deviceImportLimits,
  deviceTypeLabels,
  requiredDeviceImportHeaders,
  type DeviceImportHeader,
  type DeviceImportResult,
  type DeviceImportRow,
  type Role,
} from '@jiefang/contracts';
import { type MessageKey } from '../../../i18n';
import { errorsByColumn } from '../../../imports/importRows';

/** The row helpers every import page shares. */
export { canCommit, errorsByColumn } from '../../../imports/importRows';

/** Who may import devices: those who may register one (a street's admin into their street, as the BFF decides). */
export const deviceImportRoles: readonly Role[] = ['admin'];

/** Why a chosen file cannot be sent (checked again by the BFF, by content), or null when it may go. */
export function fileProblem(file: { name: string; size: number }): MessageKey | null {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return 'deviceImport.fileType';
  if (file.size === 0) return 'deviceImport.fileEmpty';
  if (file.size > deviceImportLimits.maxBytes) return 'deviceImport.fileTooLarge';
  return null;
}

/**
 * The cell as written, or, for a valid row, as understood: the type's name, the household's address, the
 * street and point (a household's pin when the row had none).
 */
export function cellOf(row: DeviceImportRow, header: DeviceImportHeader): string {
  const written = row.cells[header] ?? '';
  const device = row.device;
  if (!device || row.status === 'invalid') return written;
  if (header === '类型') return deviceTypeLabels[device.type];
  if (header === '住户') return device.householdAddress ?? written;
  if (header === '街道') return device.streetName;
  if (header === '纬度') return String(device.lat);
  if (header === '经度') return String(device.lng);
  if (header === '声环境功能区') return device.zoneClass ?? written;
  return written;
}

/** The columns worth showing: the required ones, and the others where some row has something. */
export function usedColumns(result: DeviceImportResult): DeviceImportHeader[] {
  return deviceImportHeaders.filter(
    (header) =>
      requiredDeviceImportHeaders.includes(header) ||
      result.rows.some((row) => cellOf(row, header) !== '' || errorsByColumn(row).has(header)),
  );
}

/** `设备密钥_2026-12-03_1030.xlsx`, in Beijing time. */
export function secretsFilename(now: number): string {
  return `设备密钥_${beijingDate(now)}_${beijingClock(now).replace(':', '')}.xlsx`;
}
