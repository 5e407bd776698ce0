import { Button, EmptyState, ErrorState, Flex, LoadingSpinner, Text } from '@hubspot/ui-extensions';

export const LoadingCard = () => <LoadingSpinner label="Loading customer health" layout="centered" testId="card-loading" />;

export const NotCustomerCard = () => (
  <EmptyState title="Not a customer" imageName="companies" layout="vertical" testId="card-not-customer">
    <Text>Waypoint scores customers only. This company does not match your portal's customer rule, so it has no health score.</Text>
  </EmptyState>
);

type NotScoredProps = { onRescore: () => void; rescoring: boolean };

export const NotScoredCard = ({ onRescore, rescoring }: NotScoredProps) => (
  <EmptyState title="Not scored yet" imageName="emptyStateCharts" layout="vertical" testId="card-not-scored">
    <Text>This customer has no health score yet. Scores appear after the next sync, or score it now.</Text>
    <Button onClick={onRescore} disabled={rescoring} testId="rescore-button">{rescoring ? 'Scoring…' : 'Score now'}</Button>
  </EmptyState>
);

type ErrorProps = { message: string; onRetry: () => void };

export const ErrorCard = ({ message, onRetry }: ErrorProps) => (
  <ErrorState title="Customer health could not be loaded" testId="card-error">
    <Flex direction="column" gap="sm">
      <Text>{message}</Text>
      <Button onClick={onRetry} testId="retry-button">Try again</Button>
    </Flex>
  </ErrorState>
);
