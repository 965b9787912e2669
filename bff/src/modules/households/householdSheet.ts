import {
  householdImportHeaders,
  householdImportLimits,
  requiredHouseholdImportHeaders,
  type HouseholdImportHeader,
} from '@jiefang/contracts';
import {
  readHeaderedSheet,
  type HeaderedRow,
  type HeaderedSheet,
  type SheetLine,
} from '../../domain/importSheets';

/** One data row of a household sheet, its cells by the header they sit under. */
export type HouseholdSheetRow = HeaderedRow<HouseholdImportHeader>;

/** Reads a household sheet: the header row is the first with 地址 (a title above it is allowed). */
export function readHouseholdSheet(lines: readonly SheetLine[]): HeaderedSheet<HouseholdImportHeader> {
  return readHeaderedSheet(lines, {
    headers: householdImportHeaders,
    required: requiredHouseholdImportHeaders,
    anchor: '地址',
    maxRows: householdImportLimits.maxRows,
    noun: '住户',
    counter: '户',
  });
}
