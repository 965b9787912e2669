import { createHash } from 'node:crypto';
import type { HouseholdImportResult, HouseholdImportRow } from '@jiefang/contracts';
import { HttpError } from '../../http/httpError';
import type { Clock } from '../../infra/clock';
import type { HouseholdDocument } from './householdModel';
import type { HouseholdPlace, HouseholdPlaces } from './householdPlaces';
import type { HouseholdSheetRow } from './householdSheet';
import type { HouseholdStore } from './householdStore';

/** The sheet's columns (householdImportHeaders in the contracts), by what they hold. */
const importColumns = {
  id: '住户编号',
  address: '地址',
  lat: '纬度',
  lng: '经度',
  contactName: '联系人',
  contactPhone: '联系电话',
} as const;

const contactPhonePattern = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The id a row without one gets: from its street and address, so importing the same sheet twice finds
 * the households of the first time instead of making them again.
 */
export const importedHouseholdId = (streetId: string, address: string) =>
  `hh-${createHash('sha256').update(`${streetId}\n${address}`).digest('hex').slice(0, 12)}`;

interface CheckedRow {
  view: HouseholdImportRow;
  household: HouseholdDocument | null;
}

/** Checks each row (and, with `commit`, stores the good ones); rows of another street are refused for street staff. */
export async function importHouseholds(
  rows: readonly HouseholdSheetRow[],
  options: {
    commit: boolean;
    /** The only street the caller may import into; null for the district's staff. */
    onlyStreetId: string | null;
    places: HouseholdPlaces;
    households: HouseholdStore;
    clock: Clock;
  },
): Promise<HouseholdImportResult> {
  const { places } = options;
  const seen = new Set<string>();
  const checked: CheckedRow[] = [];
  for (const { row, cells } of rows) {
    const errors: string[] = [];
    const address = cells[importColumns.address] ?? '';
    const typedId = cells[importColumns.id] ?? '';
    if (!address) errors.push('缺少地址');
    else if (address.length > 120) errors.push('地址过长（最多 120 字）');
    if (typedId && !idPattern.test(typedId)) errors.push('住户编号只能包含字母、数字、"-" 或 "_"');
    const lat = Number(cells[importColumns.lat]);
    const lng = Number(cells[importColumns.lng]);
    let place: HouseholdPlace | null = null;
    if (
      !cells[importColumns.lat] ||
      !cells[importColumns.lng] ||
      !Number.isFinite(lat) ||
      !Number.isFinite(lng)
    )
      errors.push('缺少或无法识别经纬度（WGS-84 小数）');
    else {
      try {
        place = places.placeOf({ location: { lat, lng } });
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        errors.push('该位置不在本区任何一个街道内');
      }
    }
    if (place && options.onlyStreetId !== null && place.streetId !== options.onlyStreetId)
      errors.push('不在本街道内');
    const contactName = cells[importColumns.contactName] ?? '';
    const contactPhone = (cells[importColumns.contactPhone] ?? '').replace(/\s/g, '');
    if (contactPhone && !contactPhonePattern.test(contactPhone))
      errors.push('联系电话不是手机号或带区号的座机号');
    if (contactPhone && !contactName) errors.push('联系电话缺少联系人姓名');
    const id = place && address ? typedId || importedHouseholdId(place.streetId, address) : typedId || null;
    if (id && seen.has(id)) errors.push('与前面的行重复');
    if (id) seen.add(id);
    const now = options.clock.now();
    checked.push({
      view: {
        row,
        id,
        address,
        streetName: place ? places.streetName(place.streetId) : null,
        gridName: place ? places.gridName(place.gridId) : null,
        outcome: errors.length > 0 ? 'error' : 'new',
        errors,
      },
      household:
        errors.length === 0 && place && id
          ? {
              _id: id,
              ...place,
              address,
              ownerIds: [],
              ownerLinks: [],
              contacts: contactName ? [{ name: contactName, phone: contactPhone }] : [],
              chargingAlarmIds: [],
              createdAt: now,
              updatedAt: now,
            }
          : null,
    });
  }

  for (const entry of checked) {
    if (!entry.household) continue;
    const exists = options.commit
      ? !(await options.households.insert(entry.household))
      : (await options.households.findById(entry.household._id)) !== null;
    if (exists) entry.view.outcome = 'exists';
  }
  const views = checked.map((entry) => entry.view);
  const count = (outcome: HouseholdImportRow['outcome']) =>
    views.filter((view) => view.outcome === outcome).length;
  return {
    committed: options.commit,
    rows: views,
    counts: { new: count('new'), exists: count('exists'), error: count('error') },
  };
}
