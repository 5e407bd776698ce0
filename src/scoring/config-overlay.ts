import { own } from './own.ts';

/**
 * A partial config laid over a full one: objects merge key by key, anything else (numbers, strings, lists)
 * replaces. Ops can then keep a config file to the few values they change ("support weight 0.2") instead of
 * copying and maintaining the whole default. The result still goes through parseScoringConfig.
 */
export const overlayConfig = (base: unknown, overlay: unknown): unknown => overlayAt(base, overlay, '');

/**
 * Maps keyed by values of a portal property the admin picked: the map sent is the whole new choice. Merged key by
 * key, a segment's values from the property chosen before would survive a switch of property, or a value the admin
 * removed would stay.
 */
const REPLACED_MAPS = new Set(['segmentBy.valuesBySegment']);

const overlayAt = (base: unknown, overlay: unknown, path: string): unknown => {
  if (!isPlainObject(base) || !isPlainObject(overlay) || REPLACED_MAPS.has(path)) return overlay === undefined ? base : overlay;
  const merged: Record<string, unknown> = { ...base };
  // defineProperty, not assignment: a "__proto__" key in the file must stay a key, never become the prototype.
  for (const [key, value] of Object.entries(overlay)) {
    const childPath = path === '' ? key : `${path}.${key}`;
    Object.defineProperty(merged, key, { value: overlayAt(own(base, key), value, childPath), enumerable: true, writable: true, configurable: true });
  }
  return merged;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
