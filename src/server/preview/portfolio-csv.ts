import { toCsv, type CsvTable } from '../../portfolio/csv.ts';
import { churnReviewCsv, cohortsCsv, playEffectivenessCsv, retentionCsv, transitionsCsv, trendCsv } from '../../portfolio/csv-tables.ts';
import { AppError } from '../../shared/errors.ts';
import type { PortfolioView, SectionResult } from './portfolio-view.ts';

// The sandbox's CSV links: each section's table through the same CSV layout the endpoints answer for ?format=csv
// (src/portfolio/csv-tables.ts), so a CSV downloaded from the preview is the one the API gives.

const exported = <T>(result: SectionResult<T>, table: (data: T) => CsvTable): string => {
  if (!result.ok) throw new AppError('NOT_IMPLEMENTED', result.message);
  return toCsv(table(result.data));
};

export const portfolioCsv = (view: PortfolioView, section: string): string => {
  switch (section) {
    case 'cohorts': return exported(view.cohorts, cohortsCsv);
    case 'movement': return exported(view.movement, transitionsCsv);
    case 'trend': return exported(view.movement, trendCsv);
    case 'churn-review': return exported(view.churnReview, churnReviewCsv);
    case 'retention': return exported(view.retention, (r) => retentionCsv(r.periods));
    case 'play-effectiveness': return exported(view.playEffectiveness, (e) => playEffectivenessCsv(e.plays));
    default: throw new AppError('NOT_FOUND', `no CSV export for the portfolio section ${section}`);
  }
};
