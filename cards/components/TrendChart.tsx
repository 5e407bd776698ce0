import { LineChart, Text } from '@hubspot/ui-extensions';
import type { ScoreCardView } from '../card-data.schema.ts';

type Props = { trend: ScoreCardView['trend'] };

/** Health over the last 90 days: the direction matters as much as today's value. */
export const TrendChart = ({ trend }: Props) =>
  trend.length < 2 ? (
    <Text variant="microcopy" testId="trend-too-short">Not enough history for a trend yet: it builds up one score a day.</Text>
  ) : (
    <LineChart
      testId="trend-chart"
      data={trend.map((point) => ({ date: point.date, score: point.score }))}
      axes={{ x: { field: 'date', fieldType: 'datetime', label: 'Day' }, y: { field: 'score', fieldType: 'linear', label: 'Health score' } }}
      options={{ title: 'Health, last 90 days', showTooltips: true }}
    />
  );
