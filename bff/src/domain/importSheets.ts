import type { FieldError } from '@jiefang/contracts';

/**
 * Reading an import sheet (staff, devices, households) by its header row: the part every bulk import
 * shares. What each column means is the import's own business.
 */

/** A row of the sheet as read: its number in the sheet (the header is usually 1) and its cells as text. */
export interface SheetLine {
  row: number;
  values: string[];
}

/** A data row with its cells by header. */
export interface HeaderedRow<H extends string> {
  row: number;
  cells: Partial<Record<H, string>>;
}

/** What a file as a whole lacks (no header, too many rows): nothing of it can be imported. */
export type HeaderedSheet<H extends string> =
  { ok: true; rows: Array<HeaderedRow<H>> } | { ok: false; errors: FieldError[] };

/** The row as a whole, for errors that are no one column's. */
export const wholeRow = '(行)';

/** Cell text as a person means it: zero-width characters gone, full-width spaces as spaces, trimmed. */
export function cleanCell(value: string): string {
  return value
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\u3000/g, ' ')
    .trim();
}

/** A header as written, without the marks a template puts on required columns ("*用户名", "用户名（必填）"). */
const headerName = (value: string) =>
  cleanCell(value)
    .replace(/^[*＊]+|[*＊]+$/g, '')
    .replace(/[(（][^)）]*[)）]$/, '')
    .trim();

export interface SheetShape<H extends string> {
  headers: readonly H[];
  /** Columns a file must have; the others may be left out. */
  required: readonly H[];
  /** The header that marks the header row (a title above it is allowed). */
  anchor: H;
  maxRows: number;
  /** What a row is, in the messages: 工作人员 ("人"), 设备 ("台")… */
  noun: string;
  counter: string;
}

/**
 * Finds the header row (the first with the anchor) and reads the rows below it by header. Empty rows are
 * skipped; unknown columns are ignored.
 */
export function readHeaderedSheet<H extends string>(
  lines: readonly SheetLine[],
  shape: SheetShape<H>,
): HeaderedSheet<H> {
  const isHeader = (value: string): value is H => (shape.headers as readonly string[]).includes(value);
  const headerIndex = lines.findIndex((line) =>
    line.values.some((value) => headerName(value) === shape.anchor),
  );
  if (headerIndex < 0) {
    return {
      ok: false,
      errors: [{ path: '(表头)', message: `找不到表头：第一行应为 ${shape.headers.join('、')}` }],
    };
  }
  const columns = new Map<number, H>();
  const errors: FieldError[] = [];
  lines[headerIndex]!.values.forEach((value, index) => {
    const header = headerName(value);
    if (!isHeader(header)) return;
    if ([...columns.values()].includes(header)) {
      errors.push({ path: header, message: `表头“${header}”出现了两次` });
    }
    columns.set(index, header);
  });
  const present = new Set(columns.values());
  for (const header of shape.required) {
    if (!present.has(header)) errors.push({ path: header, message: `缺少“${header}”列` });
  }
  const rows: Array<HeaderedRow<H>> = [];
  for (const line of lines.slice(headerIndex + 1)) {
    const cells: Partial<Record<H, string>> = {};
    for (const [index, header] of columns) {
      const value = cleanCell(line.values[index] ?? '');
      if (value) cells[header] = value;
    }
    if (Object.keys(cells).length > 0) rows.push({ row: line.row, cells });
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ path: wholeRow, message: `文件里没有${shape.noun}（表头下面是空的）` });
  }
  if (rows.length > shape.maxRows) {
    errors.push({
      path: wholeRow,
      message: `一次最多导入 ${shape.maxRows} ${shape.counter}，这个文件有 ${rows.length} ${shape.counter}，请分批导入`,
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

/** How a row's check says a cell is wrong, and why. */
export type FailCell = (path: string, message: string) => void;

/** A checked row: its cells, its errors and, when it has none, what it became (an account, a device). */
export type CheckedRow<H extends string, T extends object> = HeaderedRow<H> &
  Partial<T> & { errors: FieldError[] };

/**
 * The row-check loop every import shares: the template's example row is refused as a whole; each other row
 * goes to `check`, which reports what is wrong through `fail` and returns what the row became. That is kept
 * only when nothing failed (and `check` could build it).
 */
export function checkSheetRows<H extends string, T extends object>(
  rows: ReadonlyArray<HeaderedRow<H>>,
  template: { headers: readonly H[]; example: Readonly<Record<H, string>> },
  check: (row: HeaderedRow<H>, fail: FailCell) => T | undefined,
): Array<CheckedRow<H, T>> {
  // A row without what it became has none of T's keys, which is a Partial<T>: TypeScript cannot see that
  // for a generic T, hence the cast.
  const unbuilt = (row: HeaderedRow<H>, errors: FieldError[]) => ({ ...row, errors }) as CheckedRow<H, T>;
  return rows.map(({ row, cells }): CheckedRow<H, T> => {
    if (template.headers.every((header) => (cells[header] ?? '') === template.example[header])) {
      return unbuilt({ row, cells }, [{ path: wholeRow, message: '这是模板里的示例行，请删除后再导入' }]);
    }
    const errors: FieldError[] = [];
    const became = check({ row, cells }, (path, message) => errors.push({ path, message }));
    if (errors.length > 0 || !became) return unbuilt({ row, cells }, errors);
    return { row, cells, ...became, errors };
  });
}

/**
 * For keys a file must not repeat (usernames, device ids): notes the row that first has a key, and for a
 * later row with it answers that first row's number.
 */
export function firstRowOfKey(): (key: string, row: number) => number | undefined {
  const firstRowOf = new Map<string, number>();
  return (key, row) => {
    const earlier = firstRowOf.get(key);
    if (earlier === undefined) firstRowOf.set(key, row);
    return earlier;
  };
}

/** A street as a row may name it: by id, by name, or by name without the trailing 街道. */
export const findNamedStreet = <S extends { id: string; name: string }>(
  streets: readonly S[],
  text: string,
): S | undefined =>
  streets.find((street) => street.id === text || street.name === text || street.name === `${text}街道`);
