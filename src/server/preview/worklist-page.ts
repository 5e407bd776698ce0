import type { StoredScore } from '../../store/scores-repository.ts';
import { playLabel } from '../../writeback/play-values.ts';
import { html } from './html.ts';
import { page } from './page-layout.ts';

/** The prioritised worklist: who needs attention first, each row opening that company's card. */
export const worklistPage = (portalId: number, rows: ReadonlyArray<StoredScore & { name: string | null }>): string =>
  page('Worklist', html`<main><section class="wide"><h1>Worklist</h1>
  <p class="muted">Portal ${portalId} · customers by priority, highest first. Open one to see its card.</p>
  <table data-testid="worklist"><thead><tr><th>#</th><th>Company</th><th>Cohort</th><th>Health</th><th>Next play</th><th>Priority</th></tr></thead><tbody>
  ${rows.map((row, i) => html`<tr><td>${i + 1}</td><td><a href="/preview/companies/${row.companyId}?portalId=${portalId}">${row.name ?? `Company ${row.companyId}`}</a></td>
    <td><span class="pill ${row.card.cohort}">${row.card.cohort}</span></td><td class="${row.card.health.status}">${Math.round(row.card.health.score)}</td>
    <td>${playLabel(row.card.nextPlay.play)}</td><td>${Math.round(row.card.priority)}</td></tr>`)}
  </tbody></table>${rows.length === 0 ? html`<p class="muted">Nothing scored yet.</p>` : ''}</section></main>`);
