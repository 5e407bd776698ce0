import { Button, Flex, Input, ProgressBar, StatusTag, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { CompanyMilestoneRequest, Milestone } from '../card-data.schema.ts';
import { dayOf, milestoneStateView } from './labels.ts';

type Props = {
  milestones: Milestone[];
  progress: number;
  onMarkDone: (milestone: Milestone) => void;
  onSave: (milestone: Omit<CompanyMilestoneRequest, 'setBy'>) => void;
  onRemove: (milestone: Milestone) => void;
  busy: boolean;
};

const when = (milestone: Milestone): string => {
  if (milestone.doneAt !== null) return `done ${dayOf(milestone.doneAt)}`;
  if (milestone.expectedBy !== null) return `expected by ${dayOf(milestone.expectedBy)}`;
  return '';
};

// Functional milestones are detected from product data; only customer milestones can be confirmed by hand.
const canMarkDone = (milestone: Milestone): boolean => milestone.kind === 'customer' && milestone.state !== 'done';

type Draft = { key?: string; label: string; dueDate: string };

/** The milestones, and this customer's own ones to add, change or remove (the portal's plan is changed in Settings). */
export const MilestoneList = ({ milestones, progress, onMarkDone, onSave, onRemove, busy }: Props) => {
  const [draft, setDraft] = useState<Draft | null>(null);
  const complete = draft !== null && draft.label.trim() !== '' && /^\d{4}-\d{2}-\d{2}$/.test(draft.dueDate);
  return (
    <Flex direction="column" gap="sm" testId="milestones">
      <ProgressBar title="Milestones" value={progress} maxValue={100} showPercentage variant={progress >= 50 ? 'success' : 'warning'} testId="milestone-progress" />
      {milestones.length === 0 && <Text variant="microcopy">No milestones are defined for this customer's plan.</Text>}
      {milestones.map((milestone) => (
        <Flex key={milestone.key} direction="row" gap="sm" align="center" testId={`milestone-${milestone.key}`}>
          <StatusTag variant={milestoneStateView[milestone.state].variant} testId={`milestone-state-${milestone.key}`}>
            {milestoneStateView[milestone.state].label}
          </StatusTag>
          <Text>{milestone.label}</Text>
          {milestone.scope === 'company' && <Text variant="microcopy" testId={`milestone-own-${milestone.key}`}>this customer's</Text>}
          <Text variant="microcopy">{when(milestone)}</Text>
          {canMarkDone(milestone) && (
            <Button size="xs" variant="secondary" disabled={busy} onClick={() => onMarkDone(milestone)} testId={`mark-done-${milestone.key}`}>
              Mark done
            </Button>
          )}
          {milestone.scope === 'company' && (
            <>
              <Button size="xs" variant="secondary" disabled={busy} testId={`change-milestone-${milestone.key}`}
                onClick={() => setDraft({ key: milestone.key, label: milestone.label, dueDate: milestone.expectedBy === null ? '' : dayOf(milestone.expectedBy) })}>Change</Button>
              <Button size="xs" variant="secondary" disabled={busy} testId={`remove-milestone-${milestone.key}`} onClick={() => onRemove(milestone)}>Remove</Button>
            </>
          )}
        </Flex>
      ))}
      {draft === null
        ? <Button size="xs" variant="secondary" disabled={busy} testId="add-milestone" onClick={() => setDraft({ label: '', dueDate: '' })}>Add a milestone for this customer</Button>
        : (
          <Flex direction="column" gap="xs" testId="milestone-form">
            <Input name="milestone-label" testId="milestone-label-input" label="Milestone" value={draft.label} onChange={(text) => setDraft({ ...draft, label: String(text) })} />
            <Input name="milestone-due" testId="milestone-due-input" label="Due (YYYY-MM-DD)" value={draft.dueDate} onChange={(text) => setDraft({ ...draft, dueDate: String(text) })} />
            <Button size="xs" variant="primary" disabled={busy || !complete} testId="save-milestone" onClick={() => {
              if (!complete) return;
              onSave({ ...(draft.key === undefined ? {} : { key: draft.key }), label: draft.label.trim(), dueDate: draft.dueDate });
              setDraft(null);
            }}>{draft.key === undefined ? 'Add milestone' : 'Save milestone'}</Button>
          </Flex>
        )}
    </Flex>
  );
};
