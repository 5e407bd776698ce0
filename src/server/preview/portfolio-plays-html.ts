import { plays, type Play } from '../../scoring/config.schema.ts';
import { playLabel } from '../../writeback/play-values.ts';
import { html } from './html.ts';
import { csvHref, section, type PortfolioView } from './portfolio-view.ts';

// A play recorded before the scoring config knew it still reads, as its identifier.
const isPlay = (play: string): play is Play => (plays as readonly string[]).includes(play);
const playName = (play: string): string => (isPlay(play) ? playLabel(play) : play.replace(/_/g, ' '));
const health = (mean: number | null): string => (mean === null ? 'not yet' : mean.toFixed(1));

export const playEffectivenessSection = (view: PortfolioView) => section('plays', 'Play effectiveness', view.playEffectiveness, {
  csv: csvHref(view.portalId, 'play-effectiveness'),
  empty: (e) => (e.plays.length === 0 ? 'No play outcome recorded yet: CSMs record them on the company card when a play is done or skipped.' : null),
  render: (e) => html`<p class="muted">Mean health score of the companies when each outcome was recorded, and 30 and 90 days later; "not yet" until that day has come. It shows how customers fared after a play, not that the play caused it.</p>
  <table data-testid="plays"><thead><tr><th>Play</th><th>Status · outcome</th><th>Count</th><th>Health then</th><th>+30 days</th><th>+90 days</th></tr></thead><tbody>
  ${e.plays.map((p) => html`<tr data-testid="play-${p.play}-${p.status}-${p.outcome ?? 'none'}"><td>${playName(p.play)}</td><td>${p.status}${p.outcome === null ? '' : ` · ${p.outcome.replace(/_/g, ' ')}`}</td><td>${p.count}</td>
    <td>${health(p.healthWhenRecorded)}</td><td>${health(p.healthAfter30Days)}</td><td>${health(p.healthAfter90Days)}</td></tr>`)}
  </tbody></table>`,
});
