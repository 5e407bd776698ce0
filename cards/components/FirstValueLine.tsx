import { Flex, Text } from '@hubspot/ui-extensions';
import type { ScoreCardView } from '../card-data.schema.ts';

type Props = { firstValue: ScoreCardView['firstValue'] };

/** Time to first value, and how the segment's star pupils (customers who renewed or expanded) got there. */
export const FirstValueLine = ({ firstValue }: Props) => {
  if (firstValue === null) return null;
  return (
    <Flex direction="column" gap="xs" testId="first-value">
      <Text format={{ fontWeight: 'demibold' }} testId="time-to-first-value">
        {firstValue.days === null ? 'Time to first value: not reached yet' : `Time to first value: ${firstValue.days} ${firstValue.days === 1 ? 'day' : 'days'}`}
      </Text>
      {firstValue.starPupils !== null && <Text variant="microcopy" testId="star-pupils">{firstValue.starPupils}</Text>}
    </Flex>
  );
};
