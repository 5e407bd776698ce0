import { Button, Flex, ProgressBar, StatusTag, Text } from '@hubspot/ui-extensions';
import type { Milestone } from '../card-data.schema.ts';
import { dayOf, milestoneStateView } from './labels.ts';

type Props = {
  milestones: Milestone[];
  progress: number;
  onMarkDone: (milestone: Milestone) => void;
  busy: boolean;
};

const when = (milestone: Milestone): string => {
  if (milestone.doneAt !== null) return `done ${dayOf(milestone.doneAt)}`;
  if (milestone.expectedBy !== null) return `expected by ${dayOf(milestone.expectedBy)}`;
  return '';
};

// Functional milestones are detected from product data; only customer milestones can be confirmed by hand.
const canMarkDone = (milestone: Milestone): boolean => milestone.kind === 'customer' && milestone.state !== 'done';

export const MilestoneList = ({ milestones, progress, onMarkDone, busy }: Props) => (
  <Flex direction="column" gap="sm" testId="milestones">
    <ProgressBar title="Milestones" value={progress} maxValue={100} showPercentage variant={progress >= 50 ? 'success' : 'warning'} testId="milestone-progress" />
    {milestones.length === 0 && <Text variant="microcopy">No milestones are defined for this customer's plan.</Text>}
    {milestones.map((milestone) => (
      <Flex key={milestone.key} direction="row" gap="sm" align="center" testId={`milestone-${milestone.key}`}>
        <StatusTag variant={milestoneStateView[milestone.state].variant} testId={`milestone-state-${milestone.key}`}>
          {milestoneStateView[milestone.state].label}
        </StatusTag>
        <Text>{milestone.label}</Text>
        <Text variant="microcopy">{when(milestone)}</Text>
        {canMarkDone(milestone) && (
          <Button size="xs" variant="secondary" disabled={busy} onClick={() => onMarkDone(milestone)} testId={`mark-done-${milestone.key}`}>
            Mark done
          </Button>
        )}
      </Flex>
    ))}
  </Flex>
);
