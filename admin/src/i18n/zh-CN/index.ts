import { app } from './app';
import { dashboard } from './dashboard';
import { publicBoard } from './publicBoard';
import { maps } from './maps';
import { tickets } from './tickets';
import { officer } from './officer';
import { alarms } from './alarms';
import { devices } from './devices';
import { escorts } from './escorts';
import { elders } from './elders';
import { volunteers } from './volunteers';
import { rosters } from './rosters';
import { notifications } from './notifications';
import { alerts } from './alerts';
import { dataExports } from './exports';
import { staff } from './staff';
import { staffImport } from './staffImport';
import { deviceImport } from './deviceImport';
import { audit } from './audit';
import { categories } from './categories';
import { households } from './households';
import { district } from './district';

/**
 * Simplified Chinese message catalogue: every string the admin panel shows lives in these files, one
 * per area. Keys are `area.name`; `{param}` placeholders are filled by `t()`.
 * This catalogue defines the key set: another locale is a `Catalogue` with the same keys.
 */
export const zhCN = {
  ...app,
  ...dashboard,
  ...publicBoard,
  ...maps,
  ...tickets,
  ...officer,
  ...alarms,
  ...devices,
  ...escorts,
  ...elders,
  ...volunteers,
  ...rosters,
  ...notifications,
  ...alerts,
  ...dataExports,
  ...staff,
  ...staffImport,
  ...deviceImport,
  ...audit,
  ...categories,
  ...households,
  ...district,
} as const;

/** Each area's file, for the test that no key is defined in two of them. */
export const zhCNAreas = {
  app,
  dashboard,
  publicBoard,
  maps,
  tickets,
  officer,
  alarms,
  devices,
  escorts,
  elders,
  volunteers,
  rosters,
  notifications,
  alerts,
  dataExports,
  staff,
  staffImport,
  deviceImport,
  audit,
  categories,
  households,
  district,
};
