import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | boolean | null;
export interface CsvTable {
  columns: readonly string[];
  rows: ReadonlyArray<readonly CsvValue[]>;
}

/**
 * RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, quote or line break, quotes doubled.
 * An empty field is an absent value (null), so a spreadsheet sums the column without a "null" in it.
 */
export const toCsv = (table: CsvTable): string =>
  stringify([table.columns, ...table.rows.map((row) => row.map((v) => (v === null ? '' : String(v))))], {
    record_delimiter: 'windows',
    // The library quotes a bare LF or CR only when told: RFC 4180 wants every line break inside a field quoted.
    quoted_match: /[\r\n]/,
  });
