import { Button, Flex, Heading, List, Text } from '@hubspot/ui-extensions';
import type { NextPlay as NextPlayData, PlayContact, PlayOutcomeRequest } from '../card-data.schema.ts';

type Props = {
  play: NextPlayData; onCreateTask: () => void; busy: boolean; creating: boolean;
  onOutcome: (outcome: PlayOutcomeRequest) => void;
};

// What an advocacy ask can come to; recording it is what moves the advocacy ladder.
const advocacyButtons: ReadonlyArray<[NonNullable<PlayOutcomeRequest['outcome']>, string]> = [
  ['review', 'Gave a review'], ['case_study', 'Case study'], ['reference', 'Reference'], ['speaking', 'Speaking'], ['declined', 'Declined'],
];

/** "Dana Lee, COO (executive sponsor), last touch 2026-10-20". */
export const contactLine = (who: PlayContact): string => {
  const name = who.name ?? who.email ?? 'Unnamed contact';
  const title = who.jobTitle === null ? '' : `, ${who.jobTitle}`;
  const touch = who.lastTouch === null ? ', no touch logged' : `, last touch ${who.lastTouch}`;
  return `${name}${title} (${who.role})${touch}`;
};

/** What to do next, with whom, on what evidence, and the words to open with; one click puts it on the owner's task list. */
export const NextPlay = ({ play, onCreateTask, busy, creating, onOutcome }: Props) => (
  <Flex direction="column" gap="xs" testId="next-play">
    <Heading>Next play: {play.label}</Heading>
    <Text>{play.reason}</Text>
    <Text testId="next-play-who">
      <Text inline format={{ fontWeight: 'bold' }}>Who: </Text>
      {play.who === null ? 'No contact on record: add the sponsor or champion to this company.' : contactLine(play.who)}
    </Text>
    {play.evidence.length > 0 && (
      <List variant="unordered" testId="next-play-evidence">
        {play.evidence.map((line) => <Text key={line}>{line}</Text>)}
      </List>
    )}
    {play.steps.length > 0 && (
      <List variant="ordered" testId="next-play-steps">
        {play.steps.map((step) => <Text key={step}>{step}</Text>)}
      </List>
    )}
    {play.template !== null && (
      <Flex direction="column" gap="xs" testId="next-play-template">
        <Text format={{ fontWeight: 'bold' }}>Email to start with: {play.template.subject}</Text>
        <Text variant="microcopy">{play.template.body}</Text>
      </Flex>
    )}
    <Button variant="primary" disabled={busy} onClick={onCreateTask} testId="create-task-button">
      {creating ? 'Creating task…' : 'Create task for this play'}
    </Button>
    <Flex direction="row" gap="xs" wrap="wrap" testId="play-outcome">
      {play.play === 'advocacy'
        ? advocacyButtons.map(([outcome, label]) => (
          <Button key={outcome} size="xs" variant="secondary" disabled={busy} testId={`outcome-${outcome}`}
            onClick={() => onOutcome({ play: play.play, status: 'done', outcome, note: null })}>{label}</Button>
        ))
        : <Button size="xs" variant="secondary" disabled={busy} testId="outcome-done" onClick={() => onOutcome({ play: play.play, status: 'done', outcome: null, note: null })}>Mark play done</Button>}
      <Button size="xs" variant="secondary" disabled={busy} testId="outcome-skipped" onClick={() => onOutcome({ play: play.play, status: 'skipped', outcome: null, note: null })}>Skip play</Button>
    </Flex>
  </Flex>
);
