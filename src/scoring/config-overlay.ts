import { own } from './own.ts';

/**
 * A partial config laid over a full one: objects merge key by key, anything else (numbers, strings, lists)
 * replaces. Ops can then keep a config file to the few values they change ("support weight 0.2") instead of
 * copying and maintaining the whole default. The result still goes through parseScoringConfig.
 */
export const overlayConfig = (base: unknown, overlay: unknown): unknown => {
  if (!isPlainObject(base) || !isPlainObject(overlay)) return overlay === undefined ? base : overlay;
  const merged: Record<string, unknown> = { ...base };
  // defineProperty, not assignment: a "__proto__" key in the file must stay a key, never become the prototype.
  for (const [key, value] of Object.entries(overlay)) {
    Object.defineProperty(merged, key, { value: overlayConfig(own(base, key), value), enumerable: true, writable: true, configurable: true });
  }
  return merged;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
