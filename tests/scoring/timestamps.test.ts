import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay, isoTime, toMs } from '../../src/scoring/time.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// Every field over its whole range and a little past it, so month ends, leap days, hour 24 and junk are all drawn.
const isoText = fc.record({
  year: fc.integer({ min: 0, max: 9999 }), month: fc.integer({ min: 0, max: 13 }), day: fc.integer({ min: 0, max: 32 }),
  hour: fc.integer({ min: 0, max: 25 }), minute: fc.integer({ min: 0, max: 61 }), second: fc.integer({ min: 0, max: 61 }),
  milli: fc.integer({ min: 0, max: 999 }), shape: fc.constantFrom('date', 'seconds', 'millis', 'offset', 'local'),
}).map((t) => {
  const date = `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}`;
  const time = `${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}`;
  switch (t.shape) {
    case 'date': return date;
    case 'seconds': return `${date}T${time}Z`;
    case 'millis': return `${date}T${time}.${pad(t.milli, 3)}Z`;
    case 'offset': return `${date}T${time}+02:00`;
    case 'local': return `${date}T${time}`;
  }
});

const parsed = (text: string): number | null => {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
};

describe('timestamps', () => {
  it('when a timestamp is in any ISO shape, valid or not, then scoring reads it exactly as Date.parse does', () => {
    fc.assert(fc.property(isoText, (text) => {
      expect(toMs(text)).toBe(parsed(text));
    }), { numRuns: 5_000 });
  });

  it('when a date is past its month\'s end or an hour is 24, then it still reads as Date.parse reads it', () => {
    for (const text of ['2026-02-29', '2024-02-29', '2026-04-31', '2026-01-01T24:00:00.000Z', '2026-13-01', '2026-1-01', 'soon', '']) {
      expect(toMs(text)).toBe(parsed(text));
    }
  });

  it('when a moment is written as a day or a date-time, then it reads as toISOString writes it', () => {
    fc.assert(fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
      expect(isoDay(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }), { numRuns: 5_000 });
  });
});
