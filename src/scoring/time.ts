import { memoByString } from './memo.ts';

export const DAY_MS = 86_400_000;

// Scoring parses the same timestamps again and again (each component, each churn probe, each earlier card), and
// Date.parse was the largest single cost of a score; a string's hash is kept on the string, so a lookup is cheaper.
const parseMs = memoByString((iso): number | null => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}, 200_000);

export const toMs = (iso: string | null | undefined): number | null => (iso === null || iso === undefined ? null : parseMs(iso));

export const daysBetween = (fromMs: number, toMsValue: number): number => Math.floor((toMsValue - fromMs) / DAY_MS);

export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const round = (value: number, decimals = 1): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

// NaN compares false both ways and would pass Math.min/max through; it reads as the bottom of the range instead.
export const clamp = (value: number, min = 0, max = 100): number => (Number.isNaN(value) ? min : Math.min(max, Math.max(min, value)));

/** Maps value linearly so that `zeroAt` gives 0 and `fullAt` gives 100 (either direction), clamped. */
export const scale = (value: number, zeroAt: number, fullAt: number): number =>
  zeroAt === fullAt ? (value >= fullAt ? 100 : 0) : clamp(((value - zeroAt) / (fullAt - zeroAt)) * 100);

export const percent = (ratio: number): string => `${Math.round(ratio * 100)}%`;

export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
