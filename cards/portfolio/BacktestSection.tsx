import { BarChart, Flex, Heading, Select, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { backtestHorizons, type BacktestHorizon, type BacktestSample, type PortfolioBacktest } from '../backtest-data.schema.ts';
import { useSection } from '../hooks/use-section.ts';
import { portfolioApi } from '../portfolio-api.ts';
import type { PageTools } from './ExportButton.tsx';
import { componentLabel, percent, ratio } from './format.ts';
import { SectionBody } from './SectionStates.tsx';

type Ready = Extract<PortfolioBacktest, { status: 'ready' }>;

const horizonOptions = backtestHorizons.map((days) => ({ label: `Churn within ${days} days`, value: days }));

/** Risk deciles against observed churn: a score that means something shows the bars rising to the right. */
const DecileChart = ({ sample }: { sample: BacktestSample }) => (
  <BarChart
    testId="backtest-deciles"
    data={sample.calibration.map((row) => ({ decile: `${row.decile} (risk ${Math.round(row.minRisk)}-${Math.round(row.maxRisk)})`, churn: Math.round(row.churnRate * 1000) / 10 }))}
    axes={{ x: { field: 'decile', fieldType: 'category', label: 'Risk decile (100 - health), safest first' }, y: { field: 'churn', fieldType: 'linear', label: 'Observed churn (%)' } }}
    options={{ title: 'Observed churn by risk decile', showTooltips: true, showDataLabels: true }}
  />
);

/** Health AUC per segment; a segment where nobody (or everybody) churned has no AUC and is left out of the chart. */
const SegmentAucChart = ({ report }: { report: Ready['report'] }) => {
  const rows = report.segments.flatMap((s) => (s.healthAuc === null ? [] : [{ segment: s.segment, auc: Math.round(s.healthAuc * 1000) / 1000 }]));
  return rows.length === 0 ? null : (
    <BarChart
      testId="backtest-segment-auc"
      data={rows}
      axes={{ x: { field: 'segment', fieldType: 'category', label: 'Segment' }, y: { field: 'auc', fieldType: 'linear', label: 'Health AUC for churn' } }}
      options={{ title: 'Health AUC per segment (0.5 is a coin toss)', showTooltips: true, showDataLabels: true }}
    />
  );
};

const figuresRow = (id: string, name: string, s: BacktestSample) => (
  <TableRow key={id} testId={`backtest-${id}`}>
    <TableCell>{name}</TableCell><TableCell>{s.observations}</TableCell><TableCell>{s.churned}</TableCell><TableCell>{ratio(s.healthAuc)}</TableCell>
    <TableCell>{percent(s.churnedWhileGreen)}</TableCell><TableCell>{percent(s.precisionOfRed)}</TableCell>
  </TableRow>
);

const calibrationLine = (calibration: Ready['calibration']): string => {
  if (!calibration.ok) return `No calibrated weights proposed: ${calibration.reason}.`;
  const { current, proposed } = calibration;
  return `Weights fitted on the older months, judged on the ${calibration.holdout.cutoffs.length} newest: health AUC ${ratio(current.holdout.healthAuc)} now, `
    + `${ratio(proposed.holdout.healthAuc)} proposed; churned while green ${percent(current.holdout.churnedWhileGreen)} now, ${percent(proposed.holdout.churnedWhileGreen)} proposed `
    + `(shown green ${percent(current.holdout.greenShare)} now, ${percent(proposed.holdout.greenShare)} proposed). Load them in the settings page's health section to dry-run and save.`;
};

const Report = ({ data }: { data: Ready }) => {
  const { report } = data;
  const newest = report.cutoffs[0] ?? '–';
  const oldest = report.cutoffs.at(-1) ?? '–';
  return (
    <Flex direction="column" gap="sm">
      <Text testId="backtest-headline">
        Health AUC {ratio(report.overall.healthAuc)} · churned while green {percent(report.overall.churnedWhileGreen)} · precision of red {percent(report.overall.precisionOfRed)}
      </Text>
      <Text variant="microcopy">
        {report.overall.observations} customer-cutoffs on {report.cutoffs.length} monthly cutoffs ({oldest} to {newest}), {report.overall.churned} of them churned within {report.horizonDays} days
        {report.failed > 0 ? `; ${report.failed} could not be scored and are left out` : ''}. Computed {data.computedAt.slice(0, 10)}{data.refreshing ? ', a newer backtest is being computed' : ''}.
      </Text>
      <DecileChart sample={report.overall} />
      <SegmentAucChart report={report} />
      <Table bordered testId="backtest-segments">
        <TableHead><TableRow><TableHeader>Segment</TableHeader><TableHeader>Customer-cutoffs</TableHeader><TableHeader>Churned</TableHeader><TableHeader>Health AUC</TableHeader><TableHeader>Churned while green</TableHeader><TableHeader>Precision of red</TableHeader></TableRow></TableHead>
        <TableBody>
          {figuresRow('all', 'All', report.overall)}
          {report.segments.map((s) => figuresRow(`segment-${s.segment}`, s.segment, s))}
        </TableBody>
      </Table>
      <Table bordered testId="backtest-components">
        <TableHead><TableRow><TableHeader>Component</TableHeader><TableHeader>AUC alone</TableHeader><TableHeader>AUC lost without it</TableHeader><TableHeader>Customer-cutoffs with data</TableHeader></TableRow></TableHead>
        <TableBody>
          {report.overall.components.map((c) => (
            <TableRow key={c.key} testId={`backtest-component-${c.key}`}>
              <TableCell>{componentLabel(c.key)}</TableCell><TableCell>{ratio(c.auc)}</TableCell>
              <TableCell>{c.aucLostWithout === null ? 'n/a' : c.aucLostWithout.toFixed(3)}</TableCell><TableCell>{c.observed}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Text testId="backtest-calibration">{calibrationLine(data.calibration)}</Text>
      <Text variant="microcopy">
        Each cutoff scores every customer from what was dated before it only. AUC: the chance a customer who churned had lower health than one who stayed (0.5 a coin toss, 1 perfect).
        Churned while green: of the churners, the share shown green at the cutoff. Precision of red: of those shown red, the share that churned. A component whose AUC alone is under 0.5, or whose loss is negative, ranks churn the wrong way.
      </Text>
    </Flex>
  );
};

/** Did the score see churn coming: the stored backtest of the portal's history, computed by a job when missing or old. */
export const BacktestSection = ({ tools }: { tools: PageTools }) => {
  const [horizon, setHorizon] = useState<BacktestHorizon>(180);
  const { state, reload } = useSection(() => portfolioApi.backtest(tools.portalId, horizon), `${tools.portalId}:${horizon}`);
  return (
    <Flex direction="column" gap="sm">
      <Heading>Backtest: did health see churn coming?</Heading>
      <Select label="Horizon" name="backtest-horizon" testId="backtest-horizon" value={horizon} options={horizonOptions}
        onChange={(value) => setHorizon(backtestHorizons.find((d) => d === Number(value)) ?? 180)} />
      <SectionBody id="backtest" what="backtest" state={state} onRetry={reload}
        empty={(data) => (data.status === 'computing'
          ? 'Waypoint is scoring your customers as they stood at each past month to compare with what happened next. It takes a few minutes: try again shortly.'
          : data.report.overall.observations === 0 ? 'No customer was a customer at any past cutoff yet: the backtest needs a few months of history.' : null)}>
        {(data) => (data.status === 'ready' ? <Report data={data} /> : null)}
      </SectionBody>
    </Flex>
  );
};
