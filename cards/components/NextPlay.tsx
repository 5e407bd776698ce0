import { Button, Flex, Heading, List, Text } from '@hubspot/ui-extensions';
import type { NextPlay as NextPlayData } from '../card-data.schema.ts';

type Props = { play: NextPlayData; onCreateTask: () => void; busy: boolean; creating: boolean };

/** What to do next, why, and how; one click puts it on the owner's task list. */
export const NextPlay = ({ play, onCreateTask, busy, creating }: Props) => (
  <Flex direction="column" gap="xs" testId="next-play">
    <Heading>Next play: {play.label}</Heading>
    <Text>{play.reason}</Text>
    {play.steps.length > 0 && (
      <List variant="ordered" testId="next-play-steps">
        {play.steps.map((step) => <Text key={step}>{step}</Text>)}
      </List>
    )}
    <Button variant="primary" disabled={busy} onClick={onCreateTask} testId="create-task-button">
      {creating ? 'Creating task…' : 'Create task for this play'}
    </Button>
  </Flex>
);
