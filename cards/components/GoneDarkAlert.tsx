import { Alert } from '@hubspot/ui-extensions';
import type { ScoreCardView } from '../card-data.schema.ts';

type Props = { goneDark: ScoreCardView['goneDark'] };

/** Silence is treated as negative until known otherwise, so it is shown loudly. */
export const GoneDarkAlert = ({ goneDark }: Props) => {
  if (!goneDark.dark) return null;
  const since = goneDark.daysSinceTwoWay === null
    ? 'There is no two-way contact on record.'
    : `No two-way contact for ${Math.floor(goneDark.daysSinceTwoWay)} days.`;
  return (
    <Alert title="This customer has gone dark" variant="warning" testId="gone-dark-alert">
      {since} Reach out on another channel, about their goals.
    </Alert>
  );
};
