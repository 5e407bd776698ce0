import type { AddAlertAction } from '@hubspot/ui-extensions';
import { useRef, useState } from 'react';
import { createTask, markMilestoneDone, recordPlayOutcome, removeCompanyMilestone, rescore, saveCompanyMilestone, setCsmSentiment, setDesiredOutcome, type ApiResult, type RecordRef } from '../api.ts';
import type { CompanyMilestoneRequest, CsmSentimentValue, DesiredOutcomeRequest, PlayOutcomeRequest } from '../card-data.schema.ts';

export type CardActionName = 'create-task' | 'mark-milestone' | 'rescore' | 'play-outcome' | 'csm-sentiment' | 'desired-outcome' | 'company-milestone';

export type CardActions = {
  /** The action running now, so its button can show it and others wait. */
  pending: CardActionName | null;
  createTaskForPlay: (play: string, playLabel: string) => Promise<void>;
  markMilestoneDone: (milestoneKey: string, milestoneLabel: string) => Promise<void>;
  rescoreNow: () => Promise<void>;
  recordOutcome: (outcome: PlayOutcomeRequest) => Promise<void>;
  setSentiment: (value: CsmSentimentValue, note: string | null) => Promise<void>;
  setOutcome: (outcome: Omit<DesiredOutcomeRequest, 'setBy' | 'idempotencyKey'>) => Promise<void>;
  saveMilestone: (milestone: Omit<CompanyMilestoneRequest, 'setBy'>) => Promise<void>;
  removeMilestone: (milestoneKey: string, milestoneLabel: string) => Promise<void>;
};

/** One key per click, kept across retries of the same click, so the backend carries the action out once. */
const newKey = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/** Runs the card's actions for `user` (who the backend records as setting a sentiment): one at a time, each ending in an alert, a success also refreshing the card. */
export const useCardActions = (record: RecordRef, addAlert: AddAlertAction, refresh: () => void, user: string): CardActions => {
  const [pending, setPending] = useState<CardActionName | null>(null);
  // The key of a task request not yet confirmed: retrying after a failure or timeout reuses it, so a request that did
  // reach the backend is answered with the task it already created instead of a second one.
  const taskKey = useRef<{ play: string; key: string } | null>(null);
  const keyFor = (play: string): string => {
    if (taskKey.current?.play !== play) taskKey.current = { play, key: newKey() };
    return taskKey.current.key;
  };
  // The same for the form actions: a retry of the same values reuses the key, new values get a new one.
  const formKey = useRef<{ what: string; key: string } | null>(null);
  const formKeyFor = (what: string): string => {
    if (formKey.current?.what !== what) formKey.current = { what, key: newKey() };
    return formKey.current.key;
  };

  const run = async (name: CardActionName, call: () => Promise<ApiResult<unknown>>, done: { title: string; message: string }, failedTitle: string) => {
    if (pending !== null) return;
    setPending(name);
    const result = await call();
    setPending(null);
    if (result.ok) {
      // A rescore Waypoint queued but had not finished yet: the card shows the new score on a later refresh.
      const queued = (result.value as { status?: unknown } | undefined)?.status === 'queued';
      addAlert(queued ? { type: 'info', title: 'Rescore queued', message: 'Waypoint is rescoring this company; reload the card in a minute.' } : { type: 'success', ...done });
      refresh();
    } else {
      addAlert({ type: 'danger', title: failedTitle, message: result.message });
    }
  };

  return {
    pending,
    createTaskForPlay: (play, playLabel) =>
      run('create-task', async () => {
        const result = await createTask(record, { play, idempotencyKey: keyFor(play) });
        if (result.ok) taskKey.current = null;
        return result;
      },
        { title: 'Task created', message: `A task for "${playLabel}" is on the company owner's list.` }, 'Task not created'),
    markMilestoneDone: (milestoneKey, milestoneLabel) =>
      run('mark-milestone', () => markMilestoneDone(record, { milestoneKey }),
        { title: 'Milestone done', message: `"${milestoneLabel}" is marked done; the health score was updated.` }, 'Milestone not updated'),
    recordOutcome: (outcome) =>
      run('play-outcome', () => recordPlayOutcome(record, outcome),
        { title: 'Play recorded', message: outcome.status === 'skipped' ? 'The play is marked skipped.' : 'The play and its outcome are recorded.' }, 'Play not recorded'),
    setSentiment: (value, note) =>
      run('csm-sentiment', async () => {
        const result = await setCsmSentiment(record, { value, note, setBy: user, idempotencyKey: formKeyFor(JSON.stringify(['sentiment', value, note])) });
        if (result.ok) formKey.current = null;
        return result;
      }, { title: 'Sentiment set', message: 'Your read of this customer is on the card.' }, 'Sentiment not set'),
    setOutcome: (outcome) =>
      run('desired-outcome', async () => {
        const result = await setDesiredOutcome(record, { ...outcome, setBy: user, idempotencyKey: formKeyFor(JSON.stringify(['outcome', outcome])) });
        if (result.ok) formKey.current = null;
        return result;
      }, { title: 'Desired outcome set', message: 'The card now tracks the value this customer realises.' }, 'Desired outcome not set'),
    saveMilestone: (milestone) =>
      run('company-milestone', () => saveCompanyMilestone(record, { ...milestone, setBy: user }),
        { title: 'Milestone saved', message: `"${milestone.label}" is on this customer's plan.` }, 'Milestone not saved'),
    removeMilestone: (milestoneKey, milestoneLabel) =>
      run('company-milestone', () => removeCompanyMilestone(record, { milestoneKey }),
        { title: 'Milestone removed', message: `"${milestoneLabel}" is off this customer's plan.` }, 'Milestone not removed'),
    rescoreNow: () =>
      run('rescore', () => rescore(record), { title: 'Rescored', message: 'The health score is up to date.' }, 'Rescore failed'),
  };
};
