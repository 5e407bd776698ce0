import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIsoDate } from '../../src/snapshot/parse-values.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// Every field over its whole range and a little past it, so month ends, leap days, hour 24 and junk are all drawn.
const millisText = fc.record({
  year: fc.integer({ min: 0, max: 9999 }), month: fc.integer({ min: 0, max: 13 }), day: fc.integer({ min: 0, max: 32 }),
  hour: fc.integer({ min: 0, max: 25 }), minute: fc.integer({ min: 0, max: 61 }), second: fc.integer({ min: 0, max: 61 }),
  milli: fc.integer({ min: 0, max: 999 }), padding: fc.constantFrom('', ' '),
}).map((t) => `${t.padding}${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}.${pad(t.milli, 3)}Z${t.padding}`);

/** What a snapshot made of a date-time before it kept texts already in toISOString's form as they were. */
const throughDate = (text: string): string | null => {
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

describe('reading HubSpot date-times', () => {
  it('when a date-time is written to the millisecond in UTC, valid or not, then the snapshot holds what a Date makes of it', () => {
    fc.assert(fc.property(millisText, (text) => {
      expect(toIsoDate(text)).toBe(throughDate(text));
    }), { numRuns: 5_000 });
  });

  it('when a day is past its month\'s end or an hour is 24, then it rolls over as a Date rolls it', () => {
    expect(toIsoDate('2026-02-30T10:00:00.000Z')).toBe('2026-03-02T10:00:00.000Z');
    expect(toIsoDate('2024-02-29T10:00:00.000Z')).toBe('2024-02-29T10:00:00.000Z');
    expect(toIsoDate('2026-04-31T00:00:00.000Z')).toBe('2026-05-01T00:00:00.000Z');
    expect(toIsoDate('2026-01-01T24:00:00.000Z')).toBe('2026-01-02T00:00:00.000Z');
    expect(toIsoDate('2026-13-01T00:00:00.000Z')).toBeNull();
  });
});
