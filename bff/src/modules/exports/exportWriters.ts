import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvLine, utf8Bom, type ExportCell } from '../../domain/spreadsheetCells';
import type { DatasetSpec } from './exportDatasets';

/** What the 月报 sheet says the export covers. */
export interface ExportMeta {
  scopeName: string;
  from: string;
  to: string;
  exportedAt: string;
}

/** Rows handed to a sink at a time: small enough to keep memory flat, large enough to keep writes few. */
const linesPerWrite = 200;

/** Waits until the sink wants more (backpressure), or fails when it was closed (the client went away). */
async function drained(sink: Writable): Promise<void> {
  if (sink.destroyed) throw new Error('export sink closed');
  if (!sink.writableNeedDrain) return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      sink.off('drain', done);
      sink.off('close', closed);
      resolve();
    };
    const closed = () => {
      sink.off('drain', done);
      reject(new Error('export sink closed'));
    };
    sink.once('drain', done);
    sink.once('close', closed);
  });
}

const write = async (sink: Writable, text: string) => {
  sink.write(text);
  await drained(sink);
};

/** CSV with a UTF-8 BOM (Excel then reads the Chinese), quoted fields and formula-looking text guarded. */
export async function writeCsv<Row>(sink: Writable, spec: DatasetSpec<Row>, rows: AsyncIterable<Row>) {
  let chunk = utf8Bom + csvLine(spec.columns.map((column) => column.header));
  let lines = 0;
  for await (const row of rows) {
    chunk += csvLine(spec.cells(row));
    lines += 1;
    if (lines % linesPerWrite === 0) {
      await write(sink, chunk);
      chunk = '';
    }
  }
  sink.end(chunk);
}

/** A GeoJSON FeatureCollection, one feature per line, written as the rows come. */
export async function writeGeoJson<Row>(
  sink: Writable,
  rows: AsyncIterable<Row>,
  feature: (row: Row) => unknown,
) {
  let chunk = '{"type":"FeatureCollection","features":[\n';
  let count = 0;
  for await (const row of rows) {
    chunk += `${count > 0 ? ',\n' : ''}${JSON.stringify(feature(row))}`;
    count += 1;
    if (count % linesPerWrite === 0) {
      await write(sink, chunk);
      chunk = '';
    }
  }
  sink.end(`${chunk}\n]}\n`);
}

/**
 * An Excel workbook streamed with exceljs' WorkbookWriter: the detail sheet's rows are committed (and
 * leave for the client) as they are read; the 月报 sheet, from counts kept on the way, comes last (a
 * streamed workbook cannot go back to an earlier sheet).
 */
export async function writeXlsx<Row>(
  sink: Writable,
  spec: DatasetSpec<Row>,
  rows: AsyncIterable<Row>,
  meta: ExportMeta,
) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = '街坊';
  const detail = workbook.addWorksheet(spec.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  detail.columns = spec.columns.map((column, index) => ({
    header: column.header,
    key: String(index),
    width: column.width,
  }));
  detail.getRow(1).font = { bold: true };
  const summary = spec.summary();
  let count = 0;
  for await (const row of rows) {
    summary.add(row);
    detail.addRow(spec.cells(row)).commit();
    count += 1;
    if (count % linesPerWrite === 0) await drained(sink);
  }
  detail.commit();

  const report = workbook.addWorksheet('月报');
  report.columns = [{ width: 16 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }];
  const line = (cells: ExportCell[], bold = false) => {
    const added = report.addRow(cells);
    if (bold) added.font = { bold: true };
    added.commit();
  };
  line([`${meta.scopeName}${spec.title}月报`], true);
  line(['统计范围', `${meta.from} 至 ${meta.to}`]);
  line(['导出时间', meta.exportedAt]);
  for (const table of summary.tables()) {
    line([]);
    line([table.title], true);
    line(table.headers, true);
    for (const cells of table.rows) line(cells);
  }
  report.commit();
  await workbook.commit();
}
