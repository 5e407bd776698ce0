import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/portfolio/csv.ts';

describe('CSV export of a portfolio table', () => {
  it('when fields hold commas, quotes and line breaks, then they are quoted with quotes doubled, lines end in CRLF', () => {
    const text = toCsv({
      columns: ['company', 'reason', 'arr'],
      rows: [['Acme, Inc.', 'said "too pricey"', 1200.5], ['Line\nbreak', 'cr\ronly', null], ['plain', '', 0]],
    });
    expect(text).toBe('company,reason,arr\r\n"Acme, Inc.","said ""too pricey""",1200.5\r\n"Line\nbreak","cr\ronly",\r\nplain,,0\r\n');
  });

  it('when a table has no rows, then the header alone is written', () => {
    expect(toCsv({ columns: ['segment', 'customers'], rows: [] })).toBe('segment,customers\r\n');
  });
});
