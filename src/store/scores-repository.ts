import { z } from 'zod';
import { scoreCardSchema, type ScoreCard } from '../scoring/score-card.schema.ts';
import type { PreviousCard } from '../scoring/snapshot.schema.ts';
import { queryNamed, type Queryable } from './db.ts';
import { CARD_SHAPE } from './score-card-shape.ts';

// Score snapshots are the history behind the card's trend, "why it changed" and write-back. Cards are stored whole
// (jsonb) and read through storedCard on the way out: one stamped with this release's CARD_SHAPE as it is, any other
// parsed, and a row that does not parse (written by an older release, or a poisoned value from before cards were
// checked on the way in) is passed over as if absent, so the next score replaces it and one bad row never stops its
// portal's cards, scoring or write-back.

const cardRowSchema = z.object({
  company_id: z.string(),
  scored_at: z.coerce.date(),
  config_version: z.coerce.number().int().nullable(),
  card: z.unknown(),
  card_shape: z.string().nullable().optional(),
});

const pointRowSchema = z.object({
  company_id: z.string(),
  scored_at: z.coerce.date(),
  health_score: z.coerce.number(),
  card: z.object({
    health: z.object({
      status: z.enum(['green', 'yellow', 'red']),
      components: z.array(z.object({ key: z.string(), value: z.number().nullable() })),
    }),
    cohort: z.enum(['bad_fit', 'dark', 'negative', 'neutral', 'positive']),
    nextPlay: z.object({ play: z.string() }),
    milestones: z.array(z.object({ key: z.string(), state: z.string(), doneAt: z.string().nullable() })).nullable().default([]),
  }),
});

const overrideRowSchema = z.object({ company_id: z.string(), milestone_key: z.string(), done_at: z.coerce.date() });

export interface StoredScore {
  companyId: string;
  scoredAt: Date;
  configVersion: number | null;
  card: ScoreCard;
}

/** Kept beside a card: its ARR as scored, and when and why the customer churned (null when it has not). */
export interface CardFacts {
  arr: number | null;
  churnedAt?: string | null;
  churnReason?: string | null;
}

export interface MilestoneOverride {
  key: string;
  doneAt: string;
}

const toStored = (row: unknown): StoredScore | null => {
  const parsed = cardRowSchema.safeParse(row);
  if (!parsed.success) return null;
  const r = parsed.data;
  const card = storedCard(r.card, r.card_shape);
  return card === null ? null : { companyId: r.company_id, scoredAt: r.scored_at, configVersion: r.config_version, card };
};

const storedOnly = (rows: readonly unknown[]): StoredScore[] => rows.map(toStored).filter((s): s is StoredScore => s !== null);

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
};

/** Every query filters by portal: a company id alone never reaches another tenant's rows. */
export const scoresRepository = (db: Queryable) => ({
  async latest(portalId: number, companyId: string): Promise<StoredScore | null> {
    const rows = await db.query(
      `SELECT company_id, scored_at, config_version, card, card_shape FROM score_snapshots
       WHERE portal_id = $1 AND company_id = $2 AND NOT backfilled ORDER BY scored_at DESC, id DESC LIMIT 1`,
      [portalId, companyId],
    );
    return rows[0] ? toStored(rows[0]) : null;
  },

  /**
   * The latest real card of each scored company (a backfilled one, scored as of the past, is history, not news) of the portal, or of the given companies only. `liveOnly` leaves out
   * companies no longer in the synced store (deleted or merged in HubSpot), which write-back must not address.
   */
  async latestByCompany(portalId: number, companyIds?: readonly string[], options: { liveOnly?: boolean } = {}): Promise<Map<string, StoredScore>> {
    const rows = await db.query(
      `SELECT DISTINCT ON (s.company_id) s.company_id, s.scored_at, s.config_version, s.card, s.card_shape FROM score_snapshots s
       WHERE s.portal_id = $1 AND NOT s.backfilled AND ($2::text[] IS NULL OR s.company_id = ANY($2::text[]))
         AND (NOT $3 OR EXISTS (SELECT 1 FROM crm_objects o WHERE o.portal_id = $1 AND o.object_type = 'companies'
                                 AND o.object_id = s.company_id AND NOT o.archived))
       ORDER BY s.company_id, s.scored_at DESC, s.id DESC`,
      [portalId, companyIds ? [...companyIds] : null, options.liveOnly ?? false],
    );
    return new Map(storedOnly(rows).map((score) => [score.companyId, score]));
  },

  async insert(portalId: number, card: ScoreCard, configVersion: number | null): Promise<void> {
    await this.insertMany(portalId, [card], configVersion);
  },

  /**
   * Many cards in one statement: a portal's scoring run stores thousands, and one round trip each was its cost.
   * `facts` holds what each company's card was scored from that the portfolio reads in SQL (absent: unknown).
   * Every card given here has passed scoreCardSchema (scoreChecked), so each row is stamped with CARD_SHAPE.
   */
  async insertMany(portalId: number, cards: readonly ScoreCard[], configVersion: number | null, facts?: ReadonlyMap<string, CardFacts>): Promise<void> {
    if (cards.length === 0) return;
    await db.query(
      `INSERT INTO score_snapshots (portal_id, company_id, scored_at, config_version, health_score, cohort, card, arr, churned_at, churn_reason, card_shape)
       SELECT $1, c->>'companyId', (c->>'scoredAt')::timestamptz, $2, (c->'health'->>'score')::double precision, c->>'cohort', c,
         (f->>'arr')::double precision, (f->>'churnedAt')::timestamptz, f->>'churnReason', $5
       FROM jsonb_array_elements($3::jsonb) AS c LEFT JOIN LATERAL (SELECT $4::jsonb->(c->>'companyId') AS f) facts ON true`,
      [portalId, configVersion, JSON.stringify(cards), JSON.stringify(Object.fromEntries(facts ?? [])), CARD_SHAPE],
    );
  },

  /**
   * Cards scored as of past points (the backfill's, each checked by scoreChecked like insertMany's); a card already
   * stored for its company and point is skipped. Returns how many were new.
   */
  async insertBackfilled(portalId: number, cards: readonly ScoreCard[], configVersion: number | null): Promise<number> {
    if (cards.length === 0) return 0;
    const rows = await db.query(
      `INSERT INTO score_snapshots (portal_id, company_id, scored_at, config_version, health_score, cohort, card, backfilled, card_shape)
       SELECT $1, c->>'companyId', (c->>'scoredAt')::timestamptz, $2, (c->'health'->>'score')::double precision, c->>'cohort', c, true, $4
       FROM jsonb_array_elements($3::jsonb) AS c
       ON CONFLICT (portal_id, company_id, scored_at) WHERE backfilled DO NOTHING RETURNING 1`,
      [portalId, configVersion, JSON.stringify(cards), CARD_SHAPE],
    );
    return rows.length;
  },

  /** Scores since `since`, oldest first, in the shape the scoring engine reads as previous cards. */
  async previousCards(portalId: number, since: Date, companyIds?: readonly string[]): Promise<Map<string, PreviousCard[]>> {
    const rows = await db.query(
      `SELECT company_id, scored_at, health_score,
         jsonb_build_object('health', jsonb_build_object('status', card->'health'->'status', 'components', card->'health'->'components'),
           'cohort', card->'cohort', 'nextPlay', jsonb_build_object('play', card->'nextPlay'->'play'),
           'milestones', jsonb_path_query_array(card->'milestones', '$[*] ? (@.state == "done")')) AS card
       FROM score_snapshots
       WHERE portal_id = $1 AND scored_at >= $2 AND ($3::text[] IS NULL OR company_id = ANY($3::text[]))
       ORDER BY company_id, scored_at, id`,
      [portalId, since, companyIds ? [...companyIds] : null],
    );
    const points = rows.flatMap((row) => { const p = pointRowSchema.safeParse(row); return p.success ? [p.data] : []; });
    const cards = points.map((p) => ({
      companyId: p.company_id,
      card: {
        scoredAt: p.scored_at.toISOString(),
        healthScore: p.health_score,
        status: p.card.health.status,
        cohort: p.card.cohort,
        nextPlay: p.card.nextPlay.play,
        components: p.card.health.components.map((c) => ({ key: c.key, value: c.value })),
        milestonesDone: (p.card.milestones ?? []).flatMap((m) => (m.state === 'done' && m.doneAt !== null ? [{ key: m.key, doneAt: m.doneAt }] : [])),
      } satisfies PreviousCard,
    }));
    return new Map([...groupBy(cards, (c) => c.companyId)].map(([id, list]) => [id, list.map((c) => c.card)]));
  },

  /** The prioritised worklist: each company's latest card, highest priority first, with the company's name. */
  async worklist(portalId: number, limit: number): Promise<Array<StoredScore & { name: string | null }>> {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT w.*, o.properties->>'name' AS name FROM (
         SELECT DISTINCT ON (company_id) company_id, scored_at, config_version, card, card_shape FROM score_snapshots
         WHERE portal_id = $1 AND NOT backfilled ORDER BY company_id, scored_at DESC, id DESC) w
       LEFT JOIN crm_objects o ON o.portal_id = $1 AND o.object_type = 'companies' AND o.object_id = w.company_id
       ORDER BY (w.card->>'priority')::double precision DESC, w.company_id LIMIT $2`,
      [portalId, limit],
    );
    return rows.flatMap((row) => {
      const stored = toStored(row);
      return stored ? [{ ...stored, name: typeof row.name === 'string' ? row.name : null }] : [];
    });
  },

  /** Records a customer milestone as done; marking it again keeps the first date. */
  async markMilestone(portalId: number, companyId: string, milestoneKey: string, doneAt: Date, markedBy: string | null): Promise<void> {
    await db.query(
      `INSERT INTO milestone_overrides (portal_id, company_id, milestone_key, done_at, marked_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (portal_id, company_id, milestone_key) DO NOTHING`,
      [portalId, companyId, milestoneKey, doneAt, markedBy],
    );
  },

  async milestoneOverrides(portalId: number, companyIds?: readonly string[]): Promise<Map<string, MilestoneOverride[]>> {
    const rows = await db.query(
      `SELECT company_id, milestone_key, done_at FROM milestone_overrides
       WHERE portal_id = $1 AND ($2::text[] IS NULL OR company_id = ANY($2::text[])) ORDER BY company_id, milestone_key`,
      [portalId, companyIds ? [...companyIds] : null],
    );
    const overrides = rows.map((row) => overrideRowSchema.parse(row));
    return new Map([...groupBy(overrides, (o) => o.company_id)].map(([id, list]) =>
      [id, list.map((o) => ({ key: o.milestone_key, doneAt: o.done_at.toISOString() }))]));
  },
});

export type ScoresRepository = ReturnType<typeof scoresRepository>;

export interface CardInputs {
  company: ScoredCompanyRecord;
  latest: StoredScore | null;
  /** Health points from trendDays before the latest card up to it, oldest first. */
  history: { scoredAt: Date; healthScore: number }[];
}

/** What the card's one statement found: a portal Waypoint does not serve, a company it does not have, or the inputs. */
export type CardLookup = { found: 'not_installed' } | { found: 'no_company' } | ({ found: 'company'; portalStamp: string } & CardInputs);

const propertiesSchema = z.record(z.string(), z.string().nullable());

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The stored card as the running schema reads it. A card stamped with this release's CARD_SHAPE passed that schema
 * when it was stored and jsonb keeps it as written, so parsing it again only costs the first view its time; any
 * other card (an older release's, or a row written around insertMany) is parsed in full and passed over if it fails.
 */
const storedCard = (card: unknown, shape: unknown): ScoreCard | null => {
  if (shape === CARD_SHAPE && isRecord(card)) return card as ScoreCard;
  const parsed = scoreCardSchema.safeParse(card);
  return parsed.success ? parsed.data : null;
};

/** [epoch ms, health score] pairs from the store; one that is not two finite numbers (a poisoned NaN) is left out. */
const historyPoints = (raw: unknown): CardInputs['history'] =>
  (Array.isArray(raw) ? raw : []).flatMap((point: unknown) =>
    Array.isArray(point) && Number.isFinite(point[0]) && Number.isFinite(point[1])
      ? [{ scoredAt: new Date(point[0] as number), healthScore: point[1] as number }] : []);

/**
 * Everything a company card's first view needs, in one round trip and driven from the installation: whether the
 * portal is still served, the company, its latest card and its trend, and a stamp of the portal's scoring config
 * and star-pupil profile (both replaced, never edited in place) so the caller can reuse them while it holds. The card is read far more often than it
 * changes, and on the embedded store every extra query queues behind the others. A portal that is not installed
 * reads no company data at all.
 */
export const lookupCard = async (db: Queryable, portalId: number, companyId: string, trendDays: number): Promise<CardLookup> => {
  // Named: the first view's cost was mostly PostgreSQL parsing and planning this statement again on every call.
  const rows = await queryNamed<Record<string, unknown>>(db, 'card_lookup',
    `SELECT i.status AS installation, o.object_id, o.properties ->> 'name' AS company_name,
       CASE WHEN l.card_shape IS DISTINCT FROM $4 THEN o.properties END AS properties,
       l.scored_at, l.config_version, l.card, l.card_shape,
       (SELECT c.version::text || '@' || c.created_at::text FROM scoring_configs c WHERE c.portal_id = $1 ORDER BY c.version DESC LIMIT 1) AS config_stamp,
       (SELECT p.computed_at::text FROM star_pupil_profiles p WHERE p.portal_id = $1) AS profile_stamp,
       CASE WHEN l.scored_at IS NULL THEN '[]'::json ELSE COALESCE((
         SELECT json_agg(json_build_array((extract(epoch FROM h.scored_at) * 1000)::double precision, h.health_score) ORDER BY h.scored_at, h.id)
         FROM score_snapshots h
         WHERE h.portal_id = $1 AND h.company_id = $2 AND h.health_score IS NOT NULL
           AND h.scored_at >= l.scored_at - make_interval(days => $3)), '[]'::json) END AS history
     FROM installations i
     LEFT JOIN crm_objects o ON i.status = 'active' AND o.portal_id = i.portal_id AND o.object_type = 'companies'
       AND o.object_id = $2 AND NOT o.archived
     LEFT JOIN LATERAL (
       SELECT scored_at, config_version, card, card_shape FROM score_snapshots s
       WHERE o.object_id IS NOT NULL AND s.portal_id = $1 AND s.company_id = $2 AND NOT s.backfilled
       ORDER BY scored_at DESC, id DESC LIMIT 1) l ON true
     WHERE i.portal_id = $1`,
    [portalId, companyId, trendDays, CARD_SHAPE],
  );
  const row = rows[0];
  if (!row || row.installation !== 'active') return { found: 'not_installed' };
  if (typeof row.object_id !== 'string') return { found: 'no_company' };
  const card = row.card === null || row.card === undefined ? null : storedCard(row.card, row.card_shape);
  return {
    found: 'company',
    portalStamp: `${String(row.config_stamp ?? 'default')}|${String(row.profile_stamp ?? 'none')}`,
    // A trusted card needs only the company's name; the whole properties (parsed as JSON on every first view) come
    // only when the card may turn out unusable and the properties must tell a customer from a prospect.
    company: { id: row.object_id, properties: card && row.properties === null ? { name: typeof row.company_name === 'string' ? row.company_name : null } : propertiesSchema.parse(row.properties ?? {}) },
    latest: card === null ? null : {
      companyId: row.object_id, scoredAt: new Date(row.scored_at as string | Date), configVersion: row.config_version === null ? null : Number(row.config_version), card,
    },
    history: card === null ? [] : historyPoints(row.history),
  };
};

const companyRowSchema = z.object({ object_id: z.string(), properties: z.record(z.string(), z.string().nullable()) });

export interface ScoredCompanyRecord {
  id: string;
  properties: Record<string, string | null>;
}

/** The synced company a card is about, or null when this portal has no such (live) company. */
export const findCompanyRecord = async (db: Queryable, portalId: number, companyId: string): Promise<ScoredCompanyRecord | null> => {
  const rows = await db.query(
    `SELECT object_id, properties FROM crm_objects
     WHERE portal_id = $1 AND object_type = 'companies' AND object_id = $2 AND NOT archived`,
    [portalId, companyId],
  );
  if (!rows[0]) return null;
  const row = companyRowSchema.parse(rows[0]);
  return { id: row.object_id, properties: row.properties };
};
