import { html, type SafeHtml } from './html.ts';

const WIDTH = 560;
const HEIGHT = 160;
const PAD = { left: 32, right: 12, top: 12, bottom: 24 };

/** An inline SVG line of health over the last 90 days, with the green and red bands behind it. */
export const trendChart = (trend: ReadonlyArray<{ date: string; score: number }>, bands: { green: number; yellow: number }): SafeHtml => {
  if (trend.length === 0) return html`<p class="muted" data-testid="trend-empty">No history yet: the trend starts with the next scores.</p>`;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const first = Date.parse(trend[0]?.date ?? '');
  const last = Date.parse(trend.at(-1)?.date ?? '');
  const span = Math.max(last - first, 1);
  const x = (date: string) => PAD.left + (trend.length === 1 ? innerW : ((Date.parse(date) - first) / span) * innerW);
  const y = (score: number) => PAD.top + (1 - score / 100) * innerH;
  const points = trend.map((p) => `${x(p.date).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const band = (from: number, to: number, cls: string) =>
    html`<rect class="${cls}" x="${PAD.left}" y="${y(to).toFixed(1)}" width="${innerW}" height="${(y(from) - y(to)).toFixed(1)}"></rect>`;
  const grid = [0, 50, 100].map((v) => html`<text class="axis" x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v}</text>`);
  const dots = trend.map((p) => html`<circle cx="${x(p.date).toFixed(1)}" cy="${y(p.score).toFixed(1)}" r="2.5"><title>${p.date}: ${p.score}</title></circle>`);
  return html`<svg class="trend" data-testid="trend-chart" data-points="${trend.length}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img"
    aria-label="Health over the last 90 days, ${trend.length} points, latest ${trend.at(-1)?.score ?? ''}">
    ${band(bands.green, 100, 'band-green')}${band(0, bands.yellow, 'band-red')}${grid}
    <polyline points="${points}"></polyline>${dots}
    <text class="axis" x="${PAD.left}" y="${HEIGHT - 6}">${trend[0]?.date ?? ''}</text>
    <text class="axis" x="${WIDTH - PAD.right}" y="${HEIGHT - 6}" text-anchor="end">${trend.at(-1)?.date ?? ''}</text>
  </svg>`;
};
