import { Flex, List, StatusTag, Text } from '@hubspot/ui-extensions';
import type { FitCriterion, ScoreCardView } from '../card-data.schema.ts';
import { fitView } from './labels.ts';

type Props = { fit: ScoreCardView['fit'] };

const value = (criterion: FitCriterion): string => (criterion.actual === null ? '' : ` (this company: ${criterion.actual})`);

// A bad-fit rule that did not match is good news, not a failure, so only matched ones are shown, as the reason.
const line = (criterion: FitCriterion): string | null => {
  if (criterion.rule === 'bad') return criterion.passed ? `Bad-fit reason: ${criterion.description}${value(criterion)}` : null;
  return `${criterion.passed ? 'Meets' : 'Misses'}: ${criterion.description}${criterion.passed || criterion.actual !== null ? value(criterion) : ' (not set on this company)'}`;
};

/** Whether this customer can succeed at all, and the criteria that decided it. */
export const FitSummary = ({ fit }: Props) => {
  const lines = fit.criteria.map(line).filter((text): text is string => text !== null);
  return (
    <Flex direction="column" gap="xs" testId="fit">
      <StatusTag variant={fitView[fit.value].variant} testId="fit-tag">{fitView[fit.value].label}</StatusTag>
      {lines.length > 0 && (
        <List variant="unordered">
          {lines.map((text) => <Text key={text}>{text}</Text>)}
        </List>
      )}
    </Flex>
  );
};
