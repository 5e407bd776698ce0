// The card is opened constantly and changes only when a company is rescored, so its serialized body is kept for a
// few seconds: a hit costs no store round trip at all. This process's own rescores invalidate at once; rescores
// in another process (a worker, another web node) show within the TTL.
export const CARD_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;

export interface CardCache {
  /** The cached body, or the loader's (shared by concurrent callers); failures are never cached. */
  get(portalId: number, companyId: string, load: () => Promise<string>): Promise<string>;
  invalidate(portalId: number, companyId?: string): void;
}

export const createCardCache = (options: { ttlMs?: number; nowMs?: () => number } = {}): CardCache => {
  const ttlMs = options.ttlMs ?? CARD_CACHE_TTL_MS;
  const nowMs = options.nowMs ?? Date.now;
  const entries = new Map<string, { body: Promise<string>; expiresAt: number }>();
  const keyOf = (portalId: number, companyId: string) => `${portalId}:${companyId}`;
  return {
    get(portalId, companyId, load) {
      const key = keyOf(portalId, companyId);
      const now = nowMs();
      const cached = entries.get(key);
      if (cached && cached.expiresAt > now) return cached.body;
      if (entries.size >= MAX_ENTRIES) entries.clear();
      const body = load();
      entries.set(key, { body, expiresAt: now + ttlMs });
      body.catch(() => {
        if (entries.get(key)?.body === body) entries.delete(key);
      });
      return body;
    },
    invalidate(portalId, companyId) {
      if (companyId !== undefined) {
        entries.delete(keyOf(portalId, companyId));
        return;
      }
      for (const key of entries.keys()) if (key.startsWith(`${portalId}:`)) entries.delete(key);
    },
  };
};
