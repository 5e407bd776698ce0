import { describe, expect, it } from 'vitest';
import { createCardCache } from '../../src/server/cards/card-cache.ts';

describe('the card data cache', () => {
  const setup = () => {
    let now = 0;
    let loads = 0;
    const cache = createCardCache({ ttlMs: 5_000, nowMs: () => now });
    const load = async () => `body-${++loads}`;
    return { cache, load, advance: (ms: number) => { now += ms; }, loads: () => loads };
  };

  it('when the card is read again within the TTL, then the store is not asked again', async () => {
    const { cache, load, advance, loads } = setup();
    await cache.get(1, '10', load);
    advance(4_999);

    expect(await cache.get(1, '10', load)).toBe('body-1');
    expect(loads()).toBe(1);
  });

  it('when the TTL has passed, then the next read loads fresh data', async () => {
    const { cache, load, advance } = setup();
    await cache.get(1, '10', load);
    advance(5_000);

    expect(await cache.get(1, '10', load)).toBe('body-2');
  });

  it('when fifty cards open at once, then one load serves them all', async () => {
    const { cache, load, loads } = setup();

    const bodies = await Promise.all(Array.from({ length: 50 }, () => cache.get(1, '10', load)));

    expect(new Set(bodies)).toEqual(new Set(['body-1']));
    expect(loads()).toBe(1);
  });

  it('when a load fails, then the failure is not remembered', async () => {
    const { cache, load } = setup();
    await expect(cache.get(1, '10', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');

    expect(await cache.get(1, '10', load)).toBe('body-1');
  });

  it('when a company or a whole portal is invalidated, then only those cards load again and other portals keep theirs', async () => {
    const { cache, load } = setup();
    await cache.get(1, '10', load);
    await cache.get(1, '11', load);
    await cache.get(2, '10', load);

    cache.invalidate(1, '10');
    expect(await cache.get(1, '10', load)).toBe('body-4');
    expect(await cache.get(1, '11', load)).toBe('body-2');
    cache.invalidate(1);
    expect(await cache.get(1, '11', load)).toBe('body-5');
    expect(await cache.get(2, '10', load)).toBe('body-3');
  });
});
