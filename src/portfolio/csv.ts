import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | boolean | null;
export interface CsvTable {
  columns: readonly string[];
  rows: ReadonlyArray<readonly CsvValue[]>;
}

// Text from HubSpot (a company name, a churn reason) that a spreadsheet would run as a formula when opened:
// OWASP's advice is a leading apostrophe, which spreadsheets show as text. Numbers are ours and stay as they are.
const FORMULA_START = /^[=+\-@\t\r]/;
const cell = (value: CsvValue): string => {
  if (value === null) return '';
  const text = String(value);
  return typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
};

/**
 * RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, quote or line break, quotes doubled.
 * An empty field is an absent value (null), so a spreadsheet sums the column without a "null" in it.
 */
export const toCsv = (table: CsvTable): string =>
  stringify([table.columns, ...table.rows.map((row) => row.map(cell))], {
    record_delimiter: 'windows',
    // The library quotes a bare LF or CR only when told: RFC 4180 wants every line break inside a field quoted.
    quoted_match: /[\r\n]/,
  });
