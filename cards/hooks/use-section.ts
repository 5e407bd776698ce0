import { useCallback, useEffect, useState } from 'react';
import type { PortfolioResult } from '../portfolio-api.ts';

/** What one section of the home page is showing; each section loads on its own. */
export type SectionState<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; message: string };

/**
 * Loads a section whenever `key` changes (a filter, a period) or on `reload`; an answer that arrives after a newer
 * request started is dropped, so a quick change of filter never shows the older filter's rows.
 */
export const useSection = <T>(load: () => Promise<PortfolioResult<T>>, key: string): { state: SectionState<T>; reload: () => void } => {
  const [state, setState] = useState<SectionState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    void load().then((result) => {
      if (!current) return;
      setState(result.ok ? { status: 'ok', data: result.value } : { status: 'error', message: result.message });
    });
    return () => {
      current = false;
    };
    // `load` is a fresh closure every render; `key` names everything it depends on.
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { state, reload };
};
