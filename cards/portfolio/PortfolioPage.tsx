import { Divider, Flex, Heading, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { useSection } from '../hooks/use-section.ts';
import { portfolioApi } from '../portfolio-api.ts';
import type { ListFilters } from '../portfolio-data.schema.ts';
import { BacktestSection } from './BacktestSection.tsx';
import { ChurnReviewSection } from './ChurnReviewSection.tsx';
import { CohortsSection, segmentsOf } from './CohortsSection.tsx';
import type { PageTools } from './ExportButton.tsx';
import { GoalsSection } from './GoalsSection.tsx';
import { MovementSection } from './MovementSection.tsx';
import { PlayEffectivenessSection } from './PlayEffectivenessSection.tsx';
import { RetentionSection } from './RetentionSection.tsx';
import { StarPupilsSection } from './StarPupilsSection.tsx';
import { WorklistsSection } from './WorklistsSection.tsx';

/** The CS leader's portfolio: every section loads on its own, so one failing endpoint leaves the rest readable. */
export const PortfolioPage = ({ tools }: { tools: PageTools }) => {
  const portal = String(tools.portalId);
  const cohorts = useSection(() => portfolioApi.cohorts(tools.portalId), portal);
  const movement = useSection(() => portfolioApi.movement(tools.portalId), portal);
  const retention = useSection(() => portfolioApi.retention(tools.portalId), portal);
  const [filters, setFilters] = useState<ListFilters>({});
  const segments = cohorts.state.status === 'ok' ? segmentsOf(cohorts.state.data) : [];
  return (
    <Flex direction="column" gap="md">
      <Heading>Portfolio</Heading>
      <Text>Your customers by segment and cohort, how they move, what you keep, why customers leave, your goals, who to work on next, how customers fared after each play, whether health saw churn coming, and what your star pupils do.</Text>
      <CohortsSection tools={tools} state={cohorts.state} onRetry={cohorts.reload} onPick={(cell) => setFilters({ segment: cell.segment, cohort: cell.cohort })} />
      <Divider />
      <MovementSection tools={tools} state={movement.state} onRetry={movement.reload} />
      <Divider />
      <RetentionSection tools={tools} state={retention.state} onRetry={retention.reload} />
      <Divider />
      <ChurnReviewSection tools={tools} />
      <Divider />
      <GoalsSection tools={tools} segments={segments} />
      <Divider />
      <WorklistsSection tools={tools} segments={segments} filters={filters} onFilters={setFilters} />
      <Divider />
      <PlayEffectivenessSection tools={tools} />
      <Divider />
      <BacktestSection tools={tools} />
      <Divider />
      <StarPupilsSection tools={tools} />
    </Flex>
  );
};
