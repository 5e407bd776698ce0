import { useCallback, useEffect, useState } from 'react';
import { getCardData, type RecordRef } from '../api.ts';
import type { ScoredCardData } from '../card-data.schema.ts';

/** What a card can be showing: every state is drawn on purpose, none is an afterthought. */
export type CardState =
  | { status: 'loading' }
  | { status: 'ok'; data: ScoredCardData }
  | { status: 'empty'; reason: 'not_customer' | 'not_scored' }
  | { status: 'error'; message: string };

/**
 * Loads the card data for a record. `reload` fetches again; while a reload of the same company runs after a
 * successful load the card keeps showing the data it has, so an action's refresh does not flash a spinner.
 */
export const useCardData = (record: RecordRef): { state: CardState; reload: () => void } => {
  const [state, setState] = useState<CardState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const { portalId, objectId } = record;

  useEffect(() => {
    let current = true;
    setState((previous) => (previous.status === 'ok' && previous.data.company.id === String(objectId) ? previous : { status: 'loading' }));
    void getCardData({ portalId, objectId }).then((result) => {
      if (!current) return;
      if (!result.ok) setState({ status: 'error', message: result.message });
      else if (result.value.status === 'ok') setState({ status: 'ok', data: result.value });
      else setState({ status: 'empty', reason: result.value.status });
    });
    return () => {
      current = false;
    };
  }, [portalId, objectId, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { state, reload };
};
