import { Flex, Heading, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useSection } from '../hooks/use-section.ts';
import { portfolioApi } from '../portfolio-api.ts';
import type { PortfolioPlayEffectiveness } from '../portfolio-data.schema.ts';
import { ExportButton, type PageTools } from './ExportButton.tsx';
import { health, playLabel } from './format.ts';
import { SectionBody } from './SectionStates.tsx';

type Row = PortfolioPlayEffectiveness['plays'][number];

const outcomeLabels: Record<string, string> = { declined: 'declined', review: 'review', case_study: 'case study', reference: 'reference', speaking: 'speaking' };
const resultOf = (row: Row): string => {
  const status = row.status === 'done' ? 'Done' : 'Skipped';
  return row.outcome === null ? status : `${status} · ${outcomeLabels[row.outcome] ?? row.outcome.replace(/_/g, ' ')}`;
};

/** How customers fared after each play the CSMs recorded: mean health then, a month on and three months on. */
export const PlayEffectivenessSection = ({ tools }: { tools: PageTools }) => {
  const { state, reload } = useSection(() => portfolioApi.playEffectiveness(tools.portalId), String(tools.portalId));
  return (
    <Flex direction="column" gap="sm">
      <Flex justify="between" align="center"><Heading>Play effectiveness</Heading><ExportButton tools={tools} section="play-effectiveness" what="play effectiveness" /></Flex>
      <SectionBody id="plays" what="play outcomes" state={state} onRetry={reload}
        empty={(data) => (data.plays.length === 0 ? 'No play outcome recorded yet: CSMs record them on the company card when a play is done or skipped.' : null)}>
        {(data) => (
          <Flex direction="column" gap="sm">
            <Table bordered testId="plays-table">
              <TableHead><TableRow><TableHeader>Play</TableHeader><TableHeader>Status · outcome</TableHeader><TableHeader>Count</TableHeader><TableHeader>Health then</TableHeader><TableHeader>+30 days</TableHeader><TableHeader>+90 days</TableHeader></TableRow></TableHead>
              <TableBody>
                {data.plays.map((p) => (
                  <TableRow key={`${p.play}:${p.status}:${p.outcome ?? ''}`} testId={`play-${p.play}-${p.status}-${p.outcome ?? 'none'}`}>
                    <TableCell>{playLabel(p.play)}</TableCell><TableCell>{resultOf(p)}</TableCell><TableCell>{p.count}</TableCell>
                    <TableCell>{health(p.healthWhenRecorded)}</TableCell><TableCell>{health(p.healthAfter30Days)}</TableCell><TableCell>{health(p.healthAfter90Days)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Text variant="microcopy">Mean health score of the companies when each outcome was recorded, and 30 and 90 days later; "not yet" until that day has come. It shows how customers fared after a play, not that the play caused it.</Text>
          </Flex>
        )}
      </SectionBody>
    </Flex>
  );
};
