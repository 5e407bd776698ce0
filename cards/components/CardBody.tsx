import type { AddAlertAction } from '@hubspot/ui-extensions';
import type { RecordRef } from '../api.ts';
import { useCardActions } from '../hooks/use-card-actions.ts';
import { useCardData } from '../hooks/use-card-data.ts';
import { ErrorCard, LoadingCard, NotCustomerCard, NotScoredCard } from './CardStates.tsx';
import { HealthView } from './HealthView.tsx';

type Props = { record: RecordRef; addAlert: AddAlertAction; layout: 'sidebar' | 'tab'; user: string };

/** Loads the record's card data and draws whichever state it is in. */
export const CardBody = ({ record, addAlert, layout, user }: Props) => {
  const { state, reload } = useCardData(record);
  const actions = useCardActions(record, addAlert, reload, user);
  switch (state.status) {
    case 'loading':
      return <LoadingCard />;
    case 'error':
      return <ErrorCard message={state.message} onRetry={reload} />;
    case 'empty':
      return state.reason === 'not_customer'
        ? <NotCustomerCard />
        : <NotScoredCard rescoring={actions.pending === 'rescore'} onRescore={() => void actions.rescoreNow()} />;
    case 'ok':
      return <HealthView data={state.data} actions={actions} layout={layout} />;
  }
};
