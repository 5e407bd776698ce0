import { Button, EmptyState, ErrorState, Flex, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { ReactNode } from 'react';
import type { SectionState } from '../hooks/use-section.ts';

type Props<T> = {
  id: string;
  what: string;
  state: SectionState<T>;
  onRetry: () => void;
  /** The empty message when the data holds nothing to show; null when it does. */
  empty: (data: T) => string | null;
  children: (data: T) => ReactNode;
};

/** Loading, error (with retry) and empty are drawn the same way in every section, so a reader learns them once. */
export const SectionBody = <T,>({ id, what, state, onRetry, empty, children }: Props<T>) => {
  if (state.status === 'loading') return <LoadingSpinner label={`Loading ${what}`} testId={`${id}-loading`} />;
  if (state.status === 'error') {
    return (
      <ErrorState title={`${what[0]?.toUpperCase() ?? ''}${what.slice(1)} could not be loaded`} testId={`${id}-error`}>
        <Flex direction="column" gap="sm">
          <Text>{state.message}</Text>
          <Button onClick={onRetry} testId={`${id}-retry`}>Try again</Button>
        </Flex>
      </ErrorState>
    );
  }
  const nothing = empty(state.data);
  if (nothing !== null) {
    return (
      <EmptyState title={`No ${what} yet`} layout="vertical" imageName="emptyStateCharts" testId={`${id}-empty`}>
        <Text>{nothing}</Text>
      </EmptyState>
    );
  }
  return <>{children(state.data)}</>;
};
