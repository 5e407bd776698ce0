import { Flex, ScoreCircle, StatusTag, Tag, Text } from '@hubspot/ui-extensions';
import type { ScoreCardView } from '../card-data.schema.ts';
import { cohortView, dayOf, healthStatusView, vectorView } from './labels.ts';

type Props = { score: ScoreCardView };

// The score alone would give a better band; saying so is what keeps "48 yellow, 49 red" from looking like a bug.
const capSentence = (cap: string): string => `Status ${cap}`;

export const CohortTag = ({ cohort, churned }: { cohort: ScoreCardView['cohort']; churned: boolean }) =>
  churned ? <Tag variant="default" testId="cohort-tag">Churned</Tag> : <Tag variant={cohortView[cohort].variant} testId="cohort-tag">{cohortView[cohort].label}</Tag>;

/** Score, status, cohort and Success Vector: what a CSM reads first. */
export const HealthSummary = ({ score }: Props) => (
  <Flex direction="column" gap="sm">
    <Flex direction="row" gap="md" align="center">
      <ScoreCircle score={Math.round(score.healthScore)} testId="health-score" />
      <Flex direction="column" gap="xs">
        <StatusTag variant={healthStatusView[score.healthStatus].variant} testId="health-status">
          {healthStatusView[score.healthStatus].label}
        </StatusTag>
        <CohortTag cohort={score.cohort} churned={score.churn !== null} />
      </Flex>
    </Flex>
    {score.statusCap !== null && <Text variant="microcopy" testId="status-cap">{capSentence(score.statusCap)}</Text>}
    <Flex direction="column" gap="xs" testId="vector">
      <StatusTag variant={vectorView[score.vector.value].variant} testId="vector-tag">
        Success Vector: {vectorView[score.vector.value].label}
      </StatusTag>
      <Text>{score.vector.reason}</Text>
    </Flex>
    {score.changeReason !== null && <Text testId="change-reason">{score.changeReason}</Text>}
    <Text variant="microcopy">Scored {dayOf(score.scoredAt)}</Text>
  </Flex>
);
