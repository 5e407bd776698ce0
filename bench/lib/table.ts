import { judge } from './goals.ts';

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - text.length));

/** The figures as an aligned plain-text table, then every missing figure with its reason. */
export const formatTable = (figures: Readonly<Record<string, number>>, missing: Readonly<Record<string, string>>): string => {
  const rows = Object.keys(figures).sort().map((key) => {
    const value = figures[key] as number;
    const goal = judge(key, value);
    return [key, String(value), goal ? `${goal.label} ${goal.met ? 'met' : 'MISSED'}` : ''];
  });
  const header = ['figure', 'value', 'goal'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 0)).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const gaps = Object.entries(missing).sort(([a], [b]) => a.localeCompare(b));
  if (gaps.length > 0) out.push('', 'not measured:', ...gaps.map(([key, why]) => `  ${key}: ${why}`));
  return out.join('\n');
};

/** The same figures as a Markdown table, for the README's Performance section. */
export const formatMarkdown = (figures: Readonly<Record<string, number>>): string => {
  const rows = Object.keys(figures).sort().map((key) => {
    const value = figures[key] as number;
    const goal = judge(key, value);
    return `| \`${key}\` | ${value} | ${goal ? `${goal.label} (${goal.met ? 'met' : 'missed'})` : ''} |`;
  });
  return ['| figure | value | goal |', '|---|---:|---|', ...rows].join('\n');
};
