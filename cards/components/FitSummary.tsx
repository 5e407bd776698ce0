import { Flex, List, StatusTag, Text } from '@hubspot/ui-extensions';
import type { ScoreCardView } from '../card-data.schema.ts';
import { fitView } from './labels.ts';

type Props = { fit: ScoreCardView['fit'] };

/** Whether this customer can succeed at all, and the criteria that decided it. */
export const FitSummary = ({ fit }: Props) => (
  <Flex direction="column" gap="xs" testId="fit">
    <StatusTag variant={fitView[fit.value].variant} testId="fit-tag">{fitView[fit.value].label}</StatusTag>
    {fit.criteria.length > 0 && (
      <List variant="unordered">
        {fit.criteria.map((criterion) => (
          <Text key={criterion.description}>{criterion.passed ? 'Meets' : 'Misses'}: {criterion.description}</Text>
        ))}
      </List>
    )}
  </Flex>
);
