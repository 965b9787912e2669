import {
  householdImportFileField,
  householdImportResultSchema,
  type HouseholdImportResult,
} from '@jiefang/contracts';
import { bffRoute, withQuery } from '../api/routes';
import { sendImportFile } from '../imports/importTransfer';

const route = bffRoute('POST', '/api/households/import');

/** Sends an .xlsx or .csv of households: previewed (nothing is stored), or with `commit` stored. */
export function sendHouseholdFile(file: File, commit: boolean): Promise<HouseholdImportResult> {
  const target = commit ? withQuery(route.at(), 'commit=1') : route.at();
  return sendImportFile(target.url, householdImportFileField, file, householdImportResultSchema);
}
