import { portalSizes } from '../../emulator/generator/index.ts';

const SIZES = ['S', 'M', 'L', 'XL'] as const;
const STORES = [{ label: 'embedded', key: '' }, { label: 'postgres', key: '.postgres' }] as const;

const cell = (value: number | undefined): string => (value === undefined ? '-' : String(value));

/**
 * How a full sync grows with the portal, from whatever sync figures the results hold (this run's and those kept from
 * earlier runs): seconds, peak RSS and utilization per size on each store, so time and memory can be read against
 * size from S to XL at a glance. A size not measured shows dashes.
 */
export const formatGrowthTable = (figures: Readonly<Record<string, number>>): string => {
  const header = ['size', 'companies', ...STORES.flatMap(({ label }) => [`${label} s`, `${label} peak MB`, `${label} util`])];
  const rows = SIZES.filter((size) => STORES.some(({ key }) => figures[`sync.${size}${key}.seconds`] !== undefined)).map((size) => [
    size, String(portalSizes[size].companies),
    ...STORES.flatMap(({ key }) => ['seconds', 'peakRssMb', 'rateUtilization'].map((name) => cell(figures[`sync.${size}${key}.${name}`]))),
  ]);
  if (rows.length === 0) return '';
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return ['sync growth (full sync by portal size):', line(header), ...rows.map(line)].join('\n');
};
