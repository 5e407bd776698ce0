import { Button, Flex, Heading, Select, StatusTag, Text, TextArea } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { CsmSentiment, CsmSentimentValue } from '../card-data.schema.ts';
import { dayOf } from './labels.ts';

type Props = { sentiment: CsmSentiment | null; busy: boolean; saving: boolean; onSave: (value: CsmSentimentValue, note: string | null) => void };

const options: ReadonlyArray<{ value: CsmSentimentValue; label: string; variant: 'success' | 'default' | 'warning' | 'danger' }> = [
  { value: 'positive', label: 'Positive', variant: 'success' },
  { value: 'neutral', label: 'Neutral', variant: 'default' },
  { value: 'concerned', label: 'Concerned', variant: 'warning' },
  { value: 'at_risk', label: 'At risk', variant: 'danger' },
];

/** The CSM's own read of the customer, apart from the health score: what it is, who said so and until when. */
export const CsmSentimentPanel = ({ sentiment, busy, saving, onSave }: Props) => {
  const [value, setValue] = useState<CsmSentimentValue>(sentiment?.value ?? 'neutral');
  const [note, setNote] = useState('');
  const shown = options.find((o) => o.value === sentiment?.value);
  return (
    <Flex direction="column" gap="xs" testId="csm-sentiment">
      <Heading>CSM sentiment</Heading>
      {sentiment === null || shown === undefined
        ? <Text variant="microcopy" testId="csm-sentiment-none">No CSM sentiment in force: set how you read this customer.</Text>
        : (
          <Flex direction="column" gap="xs">
            <Flex direction="row" gap="sm" align="center">
              <StatusTag variant={shown.variant} testId="csm-sentiment-value">{sentiment.label}</StatusTag>
              <Text variant="microcopy" testId="csm-sentiment-by">set by {sentiment.setBy} on {dayOf(sentiment.setAt)}, expires {dayOf(sentiment.expiresAt)}</Text>
            </Flex>
            {sentiment.note !== null && <Text testId="csm-sentiment-note">“{sentiment.note}”</Text>}
          </Flex>
        )}
      <Select name="csm-sentiment-select" testId="csm-sentiment-select" label="Your read" value={value}
        options={options.map(({ value: v, label }) => ({ value: v, label }))} onChange={(picked) => setValue(String(picked) as CsmSentimentValue)} />
      <TextArea name="csm-sentiment-note-input" testId="csm-sentiment-note-input" label="Note" value={note} maxLength={2000}
        onChange={(text) => setNote(String(text))} />
      <Button size="xs" variant="secondary" disabled={busy} testId="csm-sentiment-save" onClick={() => onSave(value, note.trim() === '' ? null : note.trim())}>
        {saving ? 'Saving…' : 'Set sentiment'}
      </Button>
    </Flex>
  );
};
