import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import type { DeviceImportResult, DeviceImportRow, DeviceImportRowStatus } from '@jiefang/contracts';
import {
  checkDeviceRows,
  deviceImportFingerprint,
  householdCells,
  readDeviceSheet,
  type DeviceImportPlaces,
  type ImportHousehold,
} from '../../domain/deviceImportRows';
import { wholeRow } from '../../domain/importSheets';
import type { Caller } from '../../http/appState';
import { HttpError } from '../../http/httpError';
import { readSheetLines } from '../../http/importSheetFile';
import type { Clock } from '../../infra/clock';
import type { District } from '../district/district';
import type { DeviceBrokerAccounts } from './deviceBrokerAccounts';
import { deviceSecretsWorkbook, type DeliveredSecret } from './deviceImportWorkbooks';
import type { DeviceDocument } from './deviceModel';
import { newStoredSecret } from './deviceSecrets';

/**
 * How long an import attempt may take before another attempt treats its undelivered secrets as lost: far
 * more than checking and granting 500 devices takes (seconds), so a retry never re-keys under a live one.
 */
export const pendingSecretStaleMs = 2 * 60_000;

const alreadyImportedNote = '之前的导入已登记，密钥不再显示；如已遗失，请在设备列表中重置密钥';
const rekeyNote = '上次导入没有完成，它的密钥从未给出：已重新生成密钥';
const rekeyPreviewNote = '上次导入没有完成，它的密钥从未给出：导入时将重新生成密钥';

const totalKey: Record<DeviceImportRowStatus, 'ready' | 'created' | 'alreadyImported' | 'invalid'> = {
  ready: 'ready',
  created: 'created',
  already_imported: 'alreadyImported',
  invalid: 'invalid',
};

function resultOf(rows: DeviceImportRow[], committed: boolean): DeviceImportResult {
  const totals = { rows: rows.length, ready: 0, created: 0, alreadyImported: 0, invalid: 0 };
  for (const row of rows) totals[totalKey[row.status]] += 1;
  return { committed, rows, totals };
}

/** A checked row, and for a device an unfinished import left behind, that attempt (to take over). */
interface Checked {
  view: DeviceImportRow;
  takeOverFrom?: string;
}

/**
 * Device bulk import from an .xlsx or .csv: a preview that writes nothing, and an import that checks the
 * file again, registers the valid rows with a broker account and a new secret each, and answers the
 * secrets once in a workbook. Importing the same file again creates nothing twice; a device whose secret
 * an interrupted import never delivered is re-keyed by the retry (docs/devices.md, "Bulk import").
 */
export function deviceImport(deps: {
  devices: Model<DeviceDocument>;
  district: District;
  clock: Clock;
  mqttUrl: string;
  accounts: DeviceBrokerAccounts;
  /** The households the 住户 cells name, by id or address (another module's, hence a port). */
  households: (texts: readonly string[]) => Promise<Map<string, ImportHousehold[]>>;
  /** The street a street's administrator is limited to; null for the district's. */
  streetOf: (userId: string) => Promise<string | null>;
}) {
  const { devices, clock } = deps;
  const places: DeviceImportPlaces = {
    streets: deps.district.features.map((feature) => ({
      id: feature.properties.id,
      name: feature.properties.name,
      rings: feature.geometry.coordinates as Array<Array<[number, number]>>,
    })),
  };

  async function check(caller: Caller, file: Buffer): Promise<Checked[]> {
    const sheet = readDeviceSheet(await readSheetLines(file, '设备'));
    if (!sheet.ok) {
      throw new HttpError(422, 'unprocessable', '这个文件无法导入：' + sheet.errors[0]!.message, {
        fields: sheet.errors,
      });
    }
    const [households, streetId] = await Promise.all([
      deps.households(householdCells(sheet.rows)),
      deps.streetOf(caller.userId),
    ]);
    const checked = checkDeviceRows(sheet.rows, places, households, streetId ? { streetId } : {});
    const ids = checked.flatMap((row) => (row.device ? [row.device.id] : []));
    const existing = ids.length
      ? await devices
          .find(
            { _id: { $in: ids } },
            { importFingerprint: 1, secretPendingAttempt: 1, secretPendingSince: 1 },
          )
          .lean<
            Array<
              Pick<
                DeviceDocument,
                '_id' | 'importFingerprint' | 'secretPendingAttempt' | 'secretPendingSince'
              >
            >
          >()
      : [];
    const existingOf = new Map(existing.map((device) => [device._id, device]));
    const now = clock.now().getTime();
    return checked.map(({ row, cells, device, errors }): Checked => {
      if (!device) return { view: { row, cells, errors, status: 'invalid' } };
      const found = existingOf.get(device.id);
      const valid = { row, cells, device, errors: [] };
      if (!found) return { view: { ...valid, status: 'ready' } };
      if (found.importFingerprint !== deviceImportFingerprint(device)) {
        const message = '这个设备编号已经登记（类型、住户或位置与本行不同）';
        return { view: { row, cells, device, errors: [{ path: '设备编号', message }], status: 'invalid' } };
      }
      if (!found.secretPendingAttempt) {
        return { view: { ...valid, status: 'already_imported', note: alreadyImportedNote } };
      }
      if (now - (found.secretPendingSince?.getTime() ?? 0) < pendingSecretStaleMs) {
        const message = '另一次导入正在登记这台设备，请两分钟后再试';
        return { view: { row, cells, device, errors: [{ path: wholeRow, message }], status: 'invalid' } };
      }
      return {
        view: { ...valid, status: 'ready', note: rekeyPreviewNote },
        takeOverFrom: found.secretPendingAttempt,
      };
    });
  }

  /**
   * Stores the new devices and re-keys those an interrupted import left, all marked as this attempt's
   * with their secrets pending; answers the ids this attempt holds and each one's secret.
   */
  async function claim(ready: Checked[], attempt: string, now: Date): Promise<Map<string, string>> {
    const secrets = new Map<string, string>();
    const fresh: DeviceDocument[] = [];
    for (const { view, takeOverFrom } of ready) {
      const device = view.device!;
      const { secret, secretSalt, secretHash } = newStoredSecret();
      secrets.set(device.id, secret);
      const stored = { secretSalt, secretHash, credentialsRotatedAt: now, updatedAt: now };
      const pending = { secretPendingAttempt: attempt, secretPendingSince: now };
      if (takeOverFrom) {
        await devices.updateOne(
          { _id: device.id, secretPendingAttempt: takeOverFrom },
          { $set: { ...stored, ...pending } },
        );
        continue;
      }
      fresh.push({
        _id: device.id,
        type: device.type,
        streetId: device.streetId,
        location: { lat: device.lat, lng: device.lng },
        zoneClass: device.zoneClass ?? null,
        householdId: device.householdId ?? null,
        building: device.building ?? null,
        site: device.site ?? null,
        ...stored,
        disabled: false,
        online: false,
        lastSeenAt: null,
        lastReading: null,
        createdAt: now,
        importFingerprint: deviceImportFingerprint(device),
        ...pending,
      });
    }
    if (fresh.length > 0) {
      try {
        await devices.insertMany(fresh, { ordered: false });
      } catch (error) {
        // An id registered meanwhile (another import, a single registration): that row loses, the rest stand.
        if ((error as { code?: number }).code !== 11000 && !('writeErrors' in (error as object))) throw error;
      }
    }
    const held = await devices
      .find({ _id: { $in: [...secrets.keys()] }, secretPendingAttempt: attempt }, { _id: 1 })
      .lean<Array<{ _id: string }>>();
    const heldIds = new Set(held.map((device) => device._id));
    for (const id of secrets.keys()) if (!heldIds.has(id)) secrets.delete(id);
    return secrets;
  }

  return {
    async preview(caller: Caller, file: Buffer): Promise<DeviceImportResult> {
      return resultOf(
        (await check(caller, file)).map((entry) => entry.view),
        false,
      );
    },

    async commit(caller: Caller, file: Buffer): Promise<DeviceImportResult> {
      const checked = await check(caller, file);
      const ready = checked.filter((entry) => entry.view.status === 'ready');
      const attempt = randomUUID();
      const now = clock.now();
      const secrets = await claim(ready, attempt, now);
      const held = [...secrets.keys()];
      try {
        await deps.accounts.grantMany([...secrets].map(([deviceId, secret]) => ({ deviceId, secret })));
      } catch (error) {
        // The broker refused or did not answer. As with a single registration, the devices this attempt
        // added are taken back; those it took over stay pending and may be taken over again at once.
        const added = ready.filter((entry) => !entry.takeOverFrom).map((entry) => entry.view.device!.id);
        await devices.deleteMany({ _id: { $in: added }, secretPendingAttempt: attempt });
        await devices.updateMany(
          { _id: { $in: held }, secretPendingAttempt: attempt },
          { $set: { secretPendingSince: new Date(0) } },
        );
        throw error;
      }

      const rows = checked.map(({ view, takeOverFrom }): DeviceImportRow => {
        if (view.status !== 'ready') return view;
        const { note: _ignored, ...rest } = view;
        if (!secrets.has(view.device!.id)) {
          const message = '另一次导入或登记同时占用了这个设备编号';
          return { ...rest, status: 'invalid', errors: [{ path: '设备编号', message }] };
        }
        return { ...rest, status: 'created', ...(takeOverFrom ? { note: rekeyNote } : {}) };
      });
      const result = resultOf(rows, true);
      if (held.length > 0) {
        const delivered: DeliveredSecret[] = rows
          .filter((row) => row.status === 'created')
          .map((row) => ({ row: row.row, device: row.device!, secret: secrets.get(row.device!.id)! }));
        result.secretsWorkbook = (await deviceSecretsWorkbook(delivered, deps.mqttUrl, now)).toString(
          'base64',
        );
        // The answer holds the secrets now: from here on, a lost answer is mended with 重置密钥, not a retry.
        await devices.updateMany(
          { _id: { $in: held }, secretPendingAttempt: attempt },
          { $set: { secretPendingAttempt: null, secretPendingSince: null } },
        );
      }
      return result;
    },
  };
}

export type DeviceImport = ReturnType<typeof deviceImport>;
