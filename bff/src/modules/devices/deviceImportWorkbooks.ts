import {
  deviceImportExample,
  deviceImportHeaders,
  deviceTypeLabels,
  deviceTypes,
  noiseZoneClassSchema,
  type DeviceImportDevice,
} from '@jiefang/contracts';
import {
  addChoicesSheet,
  addEntrySheet,
  addNotesSheet,
  newWorkbook,
  onceWorkbook,
  workbookBuffer,
} from '../../http/importWorkbooks';
import type { District } from '../district/district';

const columnWidths: Record<string, number> = {
  设备编号: 22,
  类型: 14,
  住户: 28,
  纬度: 12,
  经度: 12,
  街道: 14,
  声环境功能区: 14,
  楼栋: 10,
  安装位置: 16,
  备注: 24,
};

/**
 * The import template: the 设备 sheet with the headers and one example row (refused if left in), a 可选值
 * sheet with the types, streets and noise zone classes a row may name, and a 说明 sheet.
 */
export async function deviceImportTemplate(district: District): Promise<Buffer> {
  const workbook = newWorkbook();
  addEntrySheet(workbook, '设备', {
    headers: deviceImportHeaders,
    widths: columnWidths,
    example: deviceImportExample,
    // Ids and household ids stay text: Excel would turn 00123 into 123.
    textColumns: ['设备编号', '住户'],
  });
  addChoicesSheet(workbook, [
    { header: '类型', width: 14, values: deviceTypes.map((type) => deviceTypeLabels[type]) },
    { header: '街道', width: 14, values: district.features.map(({ properties }) => properties.name) },
    { header: '声环境功能区', width: 14, values: noiseZoneClassSchema.options },
  ]);
  addNotesSheet(workbook, 100, [
    '在“设备”表中每行填写一台设备，第一行为表头，请勿修改；导入前请删除灰色的示例行。',
    '必填：设备编号（3–64 位字母、数字、"-" 或 "_"，即设备接入 MQTT 的用户名和客户端 ID）、类型。',
    '类型：噪声监测仪、充电检测器、烟感探测器。充电检测器和烟感探测器装在住户家中，须填写住户（住户编号或完整地址）。',
    '位置：纬度、经度（WGS-84 小数）；装在住户家中的设备可不填，取住户在地图上的位置。位置须在本区的街道内。',
    '街道可不填（由位置决定）；填写时须与位置一致。街道管理员只能导入本街道的设备。',
    '噪声监测仪须填写声环境功能区类别：0、1、2、3、4a、4b。楼栋、安装位置可选；备注只供自己查看，不导入。',
    '导入后每台设备获得一个接入密钥，只在导入完成时的“设备密钥”文件中给出一次；遗失时请在设备列表中重置密钥。',
  ]);
  return workbookBuffer(workbook);
}

/** A created device and its secret, as the import hands it out once. */
export interface DeliveredSecret {
  row: number;
  device: DeviceImportDevice;
  secret: string;
}

/** The created devices' MQTT credentials, for the installers to put into the devices (given once, kept nowhere). */
export function deviceSecretsWorkbook(
  delivered: readonly DeliveredSecret[],
  mqttUrl: string,
  at: Date,
): Promise<Buffer> {
  return onceWorkbook({
    sheet: '设备密钥',
    columns: [
      { header: '行', width: 6 },
      { header: '设备编号', width: 22 },
      { header: '类型', width: 14 },
      { header: '街道', width: 12 },
      { header: '住户', width: 26 },
      { header: 'MQTT 用户名', width: 22 },
      { header: 'MQTT 客户端 ID', width: 22 },
      { header: '密钥', width: 36 },
      { header: '接入地址', width: 30 },
    ],
    rows: delivered.map(({ row, device, secret }) => [
      row,
      device.id,
      deviceTypeLabels[device.type],
      device.streetName,
      device.householdAddress ?? device.householdId ?? '',
      device.id,
      device.id,
      secret,
      mqttUrl,
    ]),
    textColumns: [2, 6, 7, 8],
    at,
    advice: '密钥只给这一次，系统只保存其摘要；请写入设备后删除本文件，遗失时在设备列表中重置密钥。',
  });
}
