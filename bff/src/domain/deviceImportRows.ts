import { createHash } from 'node:crypto';
import {
  deviceIdSchema,
  deviceImportExample,
  deviceImportHeaders,
  deviceImportLimits,
  deviceTypeNames,
  deviceTypes,
  noiseZoneClassSchema,
  requiredDeviceImportHeaders,
  type DeviceImportDevice,
  type DeviceImportHeader,
  type DeviceType,
  type FieldError,
  type NoiseZoneClass,
} from '@jiefang/contracts';
import {
  checkSheetRows,
  findNamedStreet,
  firstRowOfKey,
  readHeaderedSheet,
  type HeaderedRow,
  type HeaderedSheet,
  type SheetLine,
} from './importSheets';
import { responsibleArea, type JurisdictionArea } from './jurisdiction';

export type DeviceSheetRow = HeaderedRow<DeviceImportHeader>;

/** Reads a device sheet: the header row is the first with 设备编号. */
export function readDeviceSheet(lines: readonly SheetLine[]): HeaderedSheet<DeviceImportHeader> {
  return readHeaderedSheet(lines, {
    headers: deviceImportHeaders,
    required: requiredDeviceImportHeaders,
    anchor: '设备编号',
    maxRows: deviceImportLimits.maxRows,
    noun: '设备',
    counter: '台',
  });
}

/** A household a row may name, by its id or its address. */
export interface ImportHousehold {
  id: string;
  address: string;
  streetId: string;
  location: { lat: number; lng: number } | null;
}

/** The district's streets (polygons for the point-in-street test) a row is checked against. */
export interface DeviceImportPlaces {
  streets: ReadonlyArray<JurisdictionArea & { name: string }>;
}

export interface CheckedDeviceRow extends DeviceSheetRow {
  device?: DeviceImportDevice;
  errors: FieldError[];
}

/** Device types by a cell: the Chinese names of the template, or the system's own codes. */
export function parseDeviceType(text: string): DeviceType | undefined {
  const compact = text.replace(/\s/g, '');
  return (
    deviceTypeNames[compact] ?? deviceTypes.find((type) => type === compact.toLowerCase().replace(/-/g, '_'))
  );
}

/** "4a类", "4A", "1 类" → the zone class. */
function parseZoneClass(text: string): NoiseZoneClass | undefined {
  const parsed = noiseZoneClassSchema.safeParse(text.replace(/[\s类]/g, '').toLowerCase());
  return parsed.success ? parsed.data : undefined;
}

/** Every cell text under 住户, to be looked up at once (by id or address) before the rows are checked. */
export const householdCells = (rows: readonly DeviceSheetRow[]): string[] => [
  ...new Set(rows.flatMap((row) => (row.cells.住户 ? [row.cells.住户] : []))),
];

const findStreet = (places: DeviceImportPlaces, text: string) => findNamedStreet(places.streets, text);

const coordinate = (text: string | undefined, min: number, max: number): number | null | 'bad' => {
  if (!text) return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= min && value <= max ? value : 'bad';
};

/**
 * Checks each row as registering the device one by one would (`registerDeviceRequestSchema`), and more:
 * types and zones in Chinese, the household by id or address (its map point when the row has none), the
 * point inside one of the district's streets (and the street written, if any), an id used twice in the
 * file, the importer's street. Devices already registered are the caller's to look up.
 */
export function checkDeviceRows(
  rows: readonly DeviceSheetRow[],
  places: DeviceImportPlaces,
  /** The households the 住户 cells name, by the cell's text (several when an address is not unique). */
  households: ReadonlyMap<string, readonly ImportHousehold[]>,
  scope: { streetId?: string },
): CheckedDeviceRow[] {
  const earlierRowOf = firstRowOfKey();
  const scopeStreet = scope.streetId
    ? places.streets.find((street) => street.id === scope.streetId)
    : undefined;
  const template = { headers: deviceImportHeaders, example: deviceImportExample };

  return checkSheetRows(
    rows,
    template,
    ({ row, cells }, fail): { device: DeviceImportDevice } | undefined => {
      const id = cells.设备编号 ?? '';
      if (!id) fail('设备编号', '请填写设备编号');
      else if (!deviceIdSchema.safeParse(id).success)
        fail('设备编号', '设备编号为 3–64 位字母、数字、"-" 或 "_"');
      else {
        const earlier = earlierRowOf(id, row);
        if (earlier !== undefined) fail('设备编号', `与第 ${earlier} 行的设备编号重复`);
      }

      const type = cells.类型 ? parseDeviceType(cells.类型) : undefined;
      if (!cells.类型) fail('类型', '请填写类型');
      else if (!type) fail('类型', `不认识的类型：${cells.类型}（可选：噪声监测仪、充电检测器、烟感探测器）`);

      let household: ImportHousehold | undefined;
      if (cells.住户) {
        const found = households.get(cells.住户) ?? [];
        if (found.length === 0) fail('住户', `找不到住户：${cells.住户}（填写住户编号或完整地址）`);
        else if (found.length > 1) fail('住户', `有 ${found.length} 户是这个地址，请填写住户编号`);
        else household = found[0];
      } else if (type && type !== 'noise_meter') {
        fail('住户', '充电检测器和烟感探测器装在住户家中，请填写住户');
      }

      let zoneClass: NoiseZoneClass | undefined;
      if (type === 'noise_meter') {
        zoneClass = cells.声环境功能区 ? parseZoneClass(cells.声环境功能区) : undefined;
        if (!cells.声环境功能区) fail('声环境功能区', '噪声监测仪需要声环境功能区类别（0、1、2、3、4a、4b）');
        else if (!zoneClass)
          fail('声环境功能区', `不认识的类别：${cells.声环境功能区}（可选：0、1、2、3、4a、4b）`);
      }

      const lat = coordinate(cells.纬度, -90, 90);
      const lng = coordinate(cells.经度, -180, 180);
      let point: { lat: number; lng: number } | undefined;
      if (lat === 'bad') fail('纬度', `纬度应为 WGS-84 小数：${cells.纬度}`);
      if (lng === 'bad') fail('经度', `经度应为 WGS-84 小数：${cells.经度}`);
      if (typeof lat === 'number' && typeof lng === 'number') point = { lat, lng };
      else if (lat === null && lng === null) {
        if (household?.location) point = household.location;
        else if (household) fail('纬度', '该住户在地图上没有位置，请填写经纬度');
        else if (!cells.住户) fail('纬度', '请填写经纬度（WGS-84 小数）');
      } else if (lat !== 'bad' && lng !== 'bad') fail(lat === null ? '纬度' : '经度', '经纬度要一起填写');

      let street: (typeof places.streets)[number] | undefined;
      if (point) {
        const match = responsibleArea(point, places.streets);
        if (match.kind !== 'single') fail(cells.纬度 ? '纬度' : '住户', '该位置不在本区任何一个街道内');
        else street = places.streets.find((candidate) => candidate.id === match.areaId);
      }
      if (cells.街道) {
        const named = findStreet(places, cells.街道);
        if (!named) fail('街道', `没有这个街道：${cells.街道}`);
        else if (street && named.id !== street.id)
          fail('街道', `所填位置在${street.name}，不在${named.name}`);
      }
      if (street && household && household.streetId !== street.id) {
        fail('经度', '所填位置与住户不在同一个街道');
      }
      if (street && scopeStreet && street.id !== scopeStreet.id) {
        fail(cells.街道 ? '街道' : '纬度', `只能导入本街道（${scopeStreet.name}）的设备`);
      }

      for (const header of ['楼栋', '安装位置'] as const) {
        if ((cells[header] ?? '').length > 60) fail(header, `${header}最多 60 个字`);
      }

      // Kept only when no check above failed.
      if (!type || !point || !street) return undefined;
      const device: DeviceImportDevice = {
        id,
        type,
        streetId: street.id,
        streetName: street.name,
        lat: point.lat,
        lng: point.lng,
        ...(zoneClass ? { zoneClass } : {}),
        ...(household ? { householdId: household.id, householdAddress: household.address } : {}),
        ...(cells.楼栋 ? { building: cells.楼栋 } : {}),
        ...(cells.安装位置 ? { site: cells.安装位置 } : {}),
      };
      return { device };
    },
  );
}

/**
 * What an imported device is, as a short hash: a row imported again is the same device when this agrees
 * (a retry of the file), and a different one under a taken id when it does not.
 */
export function deviceImportFingerprint(device: DeviceImportDevice): string {
  const { id, type, householdId, lat, lng, zoneClass } = device;
  return createHash('sha256')
    .update(JSON.stringify([id, type, householdId ?? null, lat, lng, zoneClass ?? null]))
    .digest('hex')
    .slice(0, 24);
}
