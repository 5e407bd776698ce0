import { Button, Flex, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { settingsApi } from '../settings-api.ts';
import type { CalibrationProposal, EditableConfig } from '../settings-data.schema.ts';
import type { SectionProps } from './draft.ts';

const share = (value: number | null) => (value === null ? 'n/a' : `${Math.round(value * 100)}%`);
const ratio = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));

/**
 * The proposal laid over the draft's health section: the fitted weights (only for components this draft has),
 * the segment overrides it restates, the stage overrides' refined values, and the bands (the portal's and the segments' own). Nothing is saved: the admin reviews it with the dry run.
 */
export const withProposal = (health: EditableConfig['health'], proposal: CalibrationProposal): EditableConfig['health'] => ({
  ...health,
  components: Object.fromEntries(Object.entries(health.components).map(([key, c]) => [key, { ...c, weight: proposal.health.components[key]?.weight ?? c.weight }])),
  weightsBySegment: { ...health.weightsBySegment, ...proposal.health.weightsBySegment },
  // Stage by stage, the refined values over the draft's own overrides, so the dry run scores as the proposal was judged.
  weightsByStage: Object.fromEntries([...new Set([...Object.keys(health.weightsByStage), ...Object.keys(proposal.health.weightsByStage)])]
    .map((stage) => [stage, { ...health.weightsByStage[stage], ...proposal.health.weightsByStage[stage] }])),
  status: proposal.health.status,
  statusBySegment: { ...health.statusBySegment, ...proposal.health.statusBySegment },
});

/** Loads the backtest's calibrated weights into the health section, saying how they did on the months held out. */
export const CalibrationPanel = ({ portalId, draft, update }: Pick<SectionProps, 'draft' | 'update'> & { portalId: number }) => {
  const [note, setNote] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = async () => {
    setLoading(true);
    const answer = await settingsApi.backtest(portalId);
    setLoading(false);
    if (!answer.ok) return setNote(answer.message);
    if (answer.value.status === 'computing') return setNote('Waypoint is computing the backtest of your portal\'s history. Try again in a few minutes.');
    const { calibration } = answer.value;
    if (!calibration.ok) return setNote(`No calibrated weights to propose: ${calibration.reason}.`);
    update({ health: withProposal(draft.health, calibration.partialConfig) });
    const { current, proposed } = calibration;
    setNote(`Loaded below, not saved. On the ${calibration.holdout.cutoffs.length} newest months (not used to fit them): `
      + `health AUC ${ratio(current.holdout.healthAuc)} now, ${ratio(proposed.holdout.healthAuc)} proposed; churned while green `
      + `${share(current.holdout.churnedWhileGreen)} now, ${share(proposed.holdout.churnedWhileGreen)} proposed; shown green `
      + `${share(current.holdout.greenShare)} now, ${share(proposed.holdout.greenShare)} proposed. Review changes to see the dry run, then apply.`);
  };
  return (
    <Flex direction="column" gap="xs">
      <Flex direction="row" gap="xs" align="center">
        <Button testId="load-calibration" size="xs" variant="secondary" disabled={loading} onClick={() => void load()}>Load calibrated weights</Button>
        <Text>Weights and bars fitted on this portal's own churn, judged on the newest months.</Text>
      </Flex>
      {note ? <Text testId="calibration-note">{note}</Text> : null}
    </Flex>
  );
};
