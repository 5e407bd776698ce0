import { Alert } from '@hubspot/ui-extensions';
import { dayCount } from './labels.ts';
import type { ScoreCardView } from '../card-data.schema.ts';

type Props = { goneDark: ScoreCardView['goneDark']; churn: ScoreCardView['churn'] };

/** Silence is treated as negative until known otherwise, so it is shown loudly; a churned customer is not silent, it left. */
export const GoneDarkAlert = ({ goneDark, churn }: Props) => {
  if (churn !== null) {
    return <Alert title="This customer has churned" variant="info" testId="churned-alert">{churn.reason}</Alert>;
  }
  if (!goneDark.dark) return null;
  const since = goneDark.daysSinceTwoWay === null
    ? 'There is no two-way contact on record.'
    : `No two-way contact for ${dayCount(Math.floor(goneDark.daysSinceTwoWay))}.`;
  return (
    <Alert title="This customer has gone dark" variant="warning" testId="gone-dark-alert">
      {since} Reach out on another channel, about their goals.
    </Alert>
  );
};
