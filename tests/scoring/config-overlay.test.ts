import { describe, expect, it } from 'vitest';
import { overlayConfig } from '../../src/scoring/config-overlay.ts';

describe('config overlay', () => {
  it.each([
    ['a nested number', { health: { a: 1, b: 2 } }, { health: { b: 5 } }, { health: { a: 1, b: 5 } }],
    ['a list, which replaces rather than merges', { list: [1, 2, 3], keep: true }, { list: [9] }, { list: [9], keep: true }],
    ['a new key', { a: 1 }, { b: 2 }, { a: 1, b: 2 }],
    ['nothing', { a: { b: 1 } }, {}, { a: { b: 1 } }],
    ['an object over a number', { a: 1 }, { a: { b: 2 } }, { a: { b: 2 } }],
  ])('when the overlay changes %s, then only that part differs from the base', (_case, base, overlay, expected) => {
    expect(overlayConfig(base, overlay)).toEqual(expected);
  });

  it('when an admin switches segments to another property, then no segment keeps values picked for the earlier one', () => {
    const base = { segmentBy: { property: 'plan', valuesBySegment: { large: ['enterprise'], mid: ['pro'] } } };
    const switched = overlayConfig(base, { segmentBy: { property: 'region', valuesBySegment: { large: ['emea'] } } });
    expect(switched).toEqual({ segmentBy: { property: 'region', valuesBySegment: { large: ['emea'] } } });
  });

  it('when a config is overlaid, then the base it came from is left untouched', () => {
    const base = { health: { weights: { a: 1 } } };
    overlayConfig(base, { health: { weights: { a: 2 } } });
    expect(base).toEqual({ health: { weights: { a: 1 } } });
  });
});
