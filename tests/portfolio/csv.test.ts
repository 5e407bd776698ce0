import { describe, expect, it } from 'vitest';
import { renewalsCsv } from '../../src/portfolio/csv-tables.ts';
import { toCsv } from '../../src/portfolio/csv.ts';

describe('CSV export of a portfolio table', () => {
  it('when fields hold commas, quotes and line breaks, then they are quoted with quotes doubled, lines end in CRLF', () => {
    const text = toCsv({
      columns: ['company', 'reason', 'arr'],
      rows: [['Acme, Inc.', 'said "too pricey"', 1200.5], ['Line\nbreak', 'cr\ronly', null], ['plain', '', 0]],
    });
    expect(text).toBe('company,reason,arr\r\n"Acme, Inc.","said ""too pricey""",1200.5\r\n"Line\nbreak","cr\ronly",\r\nplain,,0\r\n');
  });

  it('when a company name from HubSpot starts like a spreadsheet formula, then it is written as text, while negative numbers stay numbers', () => {
    const text = toCsv({
      columns: ['name', 'reason', 'change'],
      rows: [['=HYPERLINK("http://x.example","click")', '+1 555', -1200], ['@SUM(A1)', '-10%', 0], ['Acme', 'fine', 3]],
    });
    expect(text).toBe('name,reason,change\r\n"\'=HYPERLINK(""http://x.example"",""click"")",\'+1 555,-1200\r\n\'@SUM(A1),\'-10%,0\r\nAcme,fine,3\r\n');
  });

  it('when a table has no rows, then the header alone is written', () => {
    expect(toCsv({ columns: ['segment', 'customers'], rows: [] })).toBe('segment,customers\r\n');
  });

  it('when renewals are exported, then each renewal is a row with its owner, renewal date and days to go, an absent ARR empty', () => {
    const text = toCsv(renewalsCsv({
      withinDays: 120, total: 1,
      renewals: [{
        companyId: '7', name: 'Nord "AB"', ownerId: '31', ownerName: null, segment: 'mid', cohort: 'neutral', priority: 55.5, healthScore: 61,
        healthStatus: 'yellow', nextPlay: 'renewal', renewalDate: '2026-12-01', arr: null, daysToRenewal: 30,
      }],
    }));
    expect(text).toBe('company_id,name,owner_id,segment,cohort,priority,health_score,health_status,next_play,renewal_date,arr,owner_name,days_to_renewal\r\n'
      + '7,"Nord ""AB""",31,mid,neutral,55.5,61,yellow,renewal,2026-12-01,,,30\r\n');
  });
});
