import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runScenarioChild } from './lib/child-runner.ts';
import { formatGrowthTable } from './lib/growth-table.ts';
import { writeResults } from './lib/results-file.ts';
import { formatMarkdown, formatTable } from './lib/table.ts';
import { planRuns, scenarioExists } from './plan.ts';

/**
 * `npm run bench [-- --quick] [-- --size XL] [-- --only <scenario>] [-- --markdown]`: runs every scenario in its own
 * child process, one after another so they never compete for the CPU, prints the table and writes bench/results.json.
 */
const usage = `usage: npm run bench -- [--quick] [--size XL] [--only <scenario>] [--out FILE] [--markdown]
  Runs every scenario in its own child process, prints the table and writes the figures.
  --quick            sizes S and M, fewer samples; writes bench/results.quick.json (never the committed full results)
  --size S|M|L|XL    adds a portal size to the sync scenarios (repeatable; full runs S to XL already); --size XL also runs the dry run on it (configDryRun XL)
  --only NAME        runs the scenarios whose label starts with NAME (baseline, readCeiling, sync, freshness, scoring, pureScoring, backfill, configDryRun, writeback, card,
                     webhooks, portfolio); their figures replace only theirs in the results file, the others are kept
  --out FILE         where to write (default bench/results.json, or bench/results.quick.json with --quick)
  --markdown         also prints the README's table
  -h, --help         this text`;
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    size: { type: 'string', multiple: true, default: [] },
    only: { type: 'string' },
    out: { type: 'string' },
    markdown: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const out = values.out ?? fileURLToPath(new URL(values.quick ? './results.quick.json' : './results.json', import.meta.url));
const extraSizes = z.array(z.enum(['S', 'M', 'L', 'XL'])).parse(values.size);

const figures: Record<string, number> = {};
const missing: Record<string, string> = {};
const started = performance.now();
for (const run of planRuns({ quick: values.quick, extraSizes, only: values.only, postgres: Boolean(process.env.DATABASE_URL) })) {
  if (!scenarioExists(run)) {
    for (const key of run.expects) missing[key] = `no ${run.label} scenario yet (its capability has not landed)`;
    continue;
  }
  const runStarted = performance.now();
  process.stderr.write(`bench: ${run.label} ...`);
  const outcome = await runScenarioChild(run.script, run.args, run.timeoutMs);
  process.stderr.write(` ${((performance.now() - runStarted) / 1000).toFixed(1)} s${outcome.ok ? '' : ' (failed)'}\n`);
  if (!outcome.ok) {
    for (const key of run.expects) missing[key] = `${run.label} failed: ${outcome.message.split('\n')[0]}`;
    continue;
  }
  Object.assign(figures, outcome.report.figures);
  Object.assign(missing, outcome.report.missing);
  for (const key of run.expects) if (!(key in figures) && !(key in missing)) missing[key] = `${run.label} did not report it`;
  for (const note of outcome.report.notes) process.stderr.write(`  ${run.label}: ${note}\n`);
}
console.log(formatTable(figures, missing));
if (values.markdown) console.log(`\n${formatMarkdown(figures)}`);
console.log(`\n${Object.keys(figures).length} figures in ${((performance.now() - started) / 1000).toFixed(0)} s -> ${out}`);
const written = await writeResults(out, figures, { keepOthers: values.only !== undefined });
const growth = formatGrowthTable(written);
if (growth) console.log(`\n${growth}`);
