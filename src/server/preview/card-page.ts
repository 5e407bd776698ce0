import type { CardData } from '../cards/card-data.schema.ts';
import { html, type SafeHtml } from './html.ts';
import { page } from './page-layout.ts';
import { trendChart } from './trend-chart.ts';
import { days } from '../../scoring/wording.ts';

type Scored = Extract<CardData, { status: 'ok' }>;

const stateLabels = { done: 'Done', on_track: 'On track', behind: 'Behind', stuck: 'Stuck', skipped: 'Skipped' } as const;
const cohortLabels = { bad_fit: 'Bad fit', dark: 'Gone dark', negative: 'Negative', neutral: 'Neutral', positive: 'Positive' } as const;
const day = (value: string | null) => (value ? value.slice(0, 10) : '—');

const components = (score: Scored['score']): SafeHtml[] =>
  score.components.map((c) => html`<tr class="${c.key === score.biggestDrag ? 'drag' : ''}" data-testid="component-${c.key}">
    <td><strong>${c.label}</strong>${c.key === score.biggestDrag ? html` <span class="pill red">Biggest drag</span>` : ''}
      ${c.detail ? html`<div class="muted">${c.detail}</div>` : ''}</td>
    <td>${c.missing ? html`<span class="muted">no data</span>` : html`<div class="bar"><span style="width:${c.value ?? 0}%"></span></div> ${c.value}`}</td>
    <td>${Math.round(c.weight * 100)}%</td><td>+${c.contribution}</td></tr>`);

const milestones = (score: Scored['score']): SafeHtml[] =>
  score.milestones.map((m) => html`<tr data-testid="milestone-${m.key}"><td>${m.label} <span class="muted">(${m.scope === 'company' ? html`<span data-testid="milestone-own-${m.key}">this customer's</span>` : m.kind})</span></td>
    <td><span class="pill ${m.state}">${stateLabels[m.state]}</span></td><td>${m.doneAt ? `done ${day(m.doneAt)}` : `by ${day(m.expectedBy)}`}</td></tr>`);

// A bad-fit rule that did not match is good news, so only matched ones appear, as the reason for a bad fit.
const fitLines = (score: Scored['score']): SafeHtml[] => score.fit.criteria.flatMap((c) => {
  const company = c.actual === null ? ' (not set)' : ` (this company: ${c.actual})`;
  if (c.rule === 'bad') return c.passed ? [html`<li class="red">Bad-fit reason: <span style="color:var(--ink)">${c.description}${company}</span></li>`] : [];
  return [html`<li class="${c.passed ? 'green' : 'red'}">${c.passed ? '✓ Meets' : '✗ Misses'}: <span style="color:var(--ink)">${c.description}${company}</span></li>`];
});

const whoLine = (who: Scored['score']['nextPlay']['who']): string => who === null ? 'no contact on record'
  : `${who.name ?? who.email ?? 'unnamed contact'}${who.jobTitle ? `, ${who.jobTitle}` : ''} (${who.role})${who.lastTouch ? `, last touch ${who.lastTouch}` : ', no touch logged'}`;

const sentimentPill = { positive: 'green', neutral: '', concerned: 'yellow', at_risk: 'red' } as const;

const csmSentiment = (s: Scored['score']): SafeHtml => s.csmSentiment === null
  ? html`<section data-testid="csm-sentiment"><h2>CSM sentiment</h2><p class="muted" data-testid="csm-sentiment-none">No CSM sentiment in force.</p></section>`
  : html`<section data-testid="csm-sentiment"><h2>CSM sentiment</h2><p><span class="pill ${sentimentPill[s.csmSentiment.value]}" data-testid="csm-sentiment-value">${s.csmSentiment.label}</span></p>
    <p class="muted" data-testid="csm-sentiment-by">set by ${s.csmSentiment.setBy} on ${day(s.csmSentiment.setAt)}, expires ${day(s.csmSentiment.expiresAt)}</p>
    ${s.csmSentiment.note === null ? '' : html`<p data-testid="csm-sentiment-note">“${s.csmSentiment.note}”</p>`}</section>`;

const levelLabels = { none: 'No value yet', partial: 'Partial value', full: 'Full value' } as const;
const levelPill = { none: 'red', partial: 'yellow', full: 'green' } as const;

const valueRealised = (s: Scored['score']): SafeHtml => {
  const v = s.valueRealised;
  if (v === null) return html`<section data-testid="value-realised"><h2>Desired outcome</h2><p class="muted" data-testid="value-realised-none">No desired outcome recorded.</p></section>`;
  const measured = v.level === null || v.percent === null
    ? html`<p class="muted" data-testid="value-realised-unknown">No current value yet (${v.currentSource} is empty or not a number).</p>`
    : html`<p><span class="pill ${levelPill[v.level]}" data-testid="value-realised-level">${levelLabels[v.level]}</span> <span data-testid="value-realised-percent">${v.percent}%</span></p>
      <div class="bar"><span style="width:${v.percent}%"></span></div><p class="muted" data-testid="value-realised-current">now ${v.current} (${v.currentSource})</p>`;
  return html`<section data-testid="value-realised"><h2>Desired outcome</h2><p><strong data-testid="value-realised-outcome">${v.outcome}</strong></p>
    <p class="muted" data-testid="value-realised-plan">${v.metric}: from ${v.baseline} to ${v.target} by ${v.targetDate}</p>${measured}</section>`;
};

/** The company card as an HTML page: the same data the HubSpot card draws, from the same endpoint's builder. */
export const cardPage = (data: Scored, bands: { green: number; yellow: number }): string => {
  const s = data.score;
  return page(data.company.name || `Company ${data.company.id}`, html`<main>
  <section class="wide"><div class="row">
    <div><h1 data-testid="company-name">${data.company.name}</h1><div class="muted">HubSpot company ${data.company.id} · scored ${s.scoredAt.slice(0, 16).replace('T', ' ')} UTC</div></div>
    <div style="margin-left:auto" class="row">
      <div><div class="score ${s.healthStatus}" data-testid="health-score">${Math.round(s.healthScore)}</div><div class="muted">health</div></div>
      <span class="pill ${s.healthStatus}" data-testid="health-status">${s.healthStatus}</span>
      <span class="pill ${s.cohort}" data-testid="cohort">Cohort: ${s.churn ? 'Churned' : cohortLabels[s.cohort]}</span>
    </div></div>
    ${s.statusCap ? html`<p class="muted" data-testid="status-cap">Status ${s.statusCap}</p>` : ''}
    ${s.changeReason ? html`<p class="muted" data-testid="change-reason">${s.changeReason}</p>` : ''}
  </section>
  ${s.churn ? html`<div class="alert" data-testid="churned"><strong>Churned.</strong> ${s.churn.reason}</div>` : ''}
  ${s.goneDark.dark ? html`<div class="alert" data-testid="gone-dark"><strong>Gone dark.</strong> ${s.goneDark.daysSinceTwoWay === null ? 'No two-way contact on record.' : `No two-way contact for ${days(s.goneDark.daysSinceTwoWay)}.`}</div>` : ''}
  <section class="wide"><h2>Health, last 90 days</h2>${trendChart(s.trend, bands)}</section>
  <section data-testid="next-play"><h2>Next play</h2><p><span class="pill">${s.nextPlay.label}</span></p><p>${s.nextPlay.reason}</p>
    <p data-testid="next-play-who"><strong>Who:</strong> ${whoLine(s.nextPlay.who)}</p>
    ${s.nextPlay.evidence.length > 0 ? html`<ul data-testid="next-play-evidence">${s.nextPlay.evidence.map((line) => html`<li>${line}</li>`)}</ul>` : ''}
    <ol class="steps">${s.nextPlay.steps.map((step) => html`<li>${step}</li>`)}</ol>
    ${s.nextPlay.template ? html`<details data-testid="next-play-template" open><summary>Email: ${s.nextPlay.template.subject}</summary><pre style="white-space:pre-wrap">${s.nextPlay.template.body}</pre></details>` : ''}</section>
  ${csmSentiment(s)}
  ${valueRealised(s)}
  <section data-testid="vector"><h2>Success Vector</h2><p><span class="pill ${s.vector.value}">${s.vector.value}</span></p><p>${s.vector.reason}</p>
    <h2 style="margin-top:18px">Fit: ${s.fit.value}</h2>
    <ul data-testid="fit-criteria">${fitLines(s)}</ul></section>
  <section class="wide"><h2>What makes up health</h2><table><thead><tr><th>Component</th><th>Score</th><th>Weight</th><th>Adds</th></tr></thead>
    <tbody>${components(s)}</tbody></table></section>
  <section class="wide"><h2>Milestones · ${Math.round(s.milestoneProgress)}% done</h2><table><tbody>${milestones(s)}</tbody></table></section>
</main>`);
};

/** The page for a company without a score card: what the HubSpot card shows in its empty states. */
export const emptyCardPage = (status: 'not_customer' | 'not_scored', companyId: string): string =>
  page(`Company ${companyId}`, html`<main><section class="wide" data-testid="empty-state"><h1>${status === 'not_customer' ? 'Not a customer' : 'Not scored yet'}</h1>
  <p class="muted">${status === 'not_customer' ? "Waypoint's customer rule does not match this company." : 'This customer has no score card yet; the next scoring run adds one.'}</p></section></main>`);
