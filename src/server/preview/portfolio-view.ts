import type { z } from 'zod';
import type {
  portfolioChurnReviewSchema, portfolioGoalsSchema, portfolioMovementSchema, portfolioPlayEffectivenessSchema, portfolioRenewalsSchema, portfolioRetentionSchema, portfolioWorklistsSchema,
} from '../../portfolio/portfolio.schema.ts';
import type { BacktestResponse } from '../../backtest/backtest.schema.ts';
import type { Cohort } from '../../scoring/config.schema.ts';
import type { StarPupilProfile } from '../../scoring/star-pupils.ts';
import type { CohortsBySegment } from '../../store/portfolio-repository.ts';
import { html, type SafeHtml } from './html.ts';

// What /preview/portfolio draws: each section's body exactly as its endpoint answers it, or why it could not be had,
// so one section that fails leaves the others on the page (as on the HubSpot home page).

export type SectionResult<T> = { ok: true; data: T } | { ok: false; message: string };

export interface PortfolioFilters { owner?: string; segment?: string; cohort?: Cohort }

export interface PortfolioView {
  portalId: number;
  filters: PortfolioFilters;
  cohorts: SectionResult<CohortsBySegment & { arrProperty: string }>;
  movement: SectionResult<z.infer<typeof portfolioMovementSchema>>;
  retention: SectionResult<z.infer<typeof portfolioRetentionSchema>>;
  churnReview: SectionResult<z.infer<typeof portfolioChurnReviewSchema>>;
  goals: SectionResult<z.infer<typeof portfolioGoalsSchema>>;
  worklists: SectionResult<z.infer<typeof portfolioWorklistsSchema>>;
  renewals: SectionResult<z.infer<typeof portfolioRenewalsSchema>>;
  playEffectiveness: SectionResult<z.infer<typeof portfolioPlayEffectivenessSchema>>;
  /** The 180-day backtest as GET …/backtest answers it. */
  backtest: SectionResult<BacktestResponse>;
  /** The star-pupil profile as GET …/star-pupils answers it (null before the first whole-portal scoring run). */
  starPupils: SectionResult<StarPupilProfile | null>;
}

export const money = (value: number | null): string => (value === null ? '–' : Math.round(value).toLocaleString('en-US'));
export const percent = (rate: number | null): string => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);
export const day = (instant: string | null): string => (instant === null ? '–' : instant.slice(0, 10));

/** A section's frame: its title, a CSV link where the section exports, what stands above it whatever its state (`lead`), then its body, its empty text or its error. */
export const section = <T>(
  id: string, title: string, result: SectionResult<T>,
  body: { empty: (data: T) => string | null; render: (data: T) => SafeHtml; csv?: string; lead?: SafeHtml },
): SafeHtml => html`<section class="wide" data-testid="section-${id}"><div class="row between"><h2>${title}</h2>${
  body.csv === undefined ? '' : html`<a href="${body.csv}" data-testid="csv-${id}">CSV</a>`}</div>${body.lead}${
  !result.ok
    ? html`<p class="alert-inline" data-testid="${id}-error">${title} could not be loaded: ${result.message}</p>`
    : (() => { const empty = body.empty(result.data); return empty === null ? body.render(result.data) : html`<p class="muted" data-testid="${id}-empty">${empty}</p>`; })()
}</section>`;

/** The page's query string for a portal and filters (an absent filter is left out). */
export const previewQuery = (portalId: number, filters: PortfolioFilters): string => {
  const params = new URLSearchParams({ portalId: String(portalId) });
  for (const [key, value] of Object.entries(filters)) if (typeof value === 'string') params.set(key, value);
  return params.toString();
};

/** The sandbox's export of one section's table, the same CSV the endpoint answers for ?format=csv. */
export const csvHref = (portalId: number, name: string, filters: PortfolioFilters = {}): string =>
  `/preview/portfolio/${name}.csv?${previewQuery(portalId, filters)}`;
