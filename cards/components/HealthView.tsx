import { Button, Divider, Flex, Heading } from '@hubspot/ui-extensions';
import type { ScoredCardData } from '../card-data.schema.ts';
import type { CardActions } from '../hooks/use-card-actions.ts';
import { ComponentContributions } from './ComponentContributions.tsx';
import { CsmSentimentPanel } from './CsmSentimentPanel.tsx';
import { ValueRealisedPanel } from './ValueRealisedPanel.tsx';
import { FirstValueLine } from './FirstValueLine.tsx';
import { FitSummary } from './FitSummary.tsx';
import { GoneDarkAlert } from './GoneDarkAlert.tsx';
import { HealthSummary } from './HealthSummary.tsx';
import { MilestoneList } from './MilestoneList.tsx';
import { NextPlay } from './NextPlay.tsx';
import { TrendChart } from './TrendChart.tsx';

type Props = { data: ScoredCardData; actions: CardActions; layout: 'sidebar' | 'tab' };

/** A scored customer: the sidebar leads with what to do; the tab adds fit and the company's name. */
export const HealthView = ({ data, actions, layout }: Props) => {
  const { score } = data;
  const busy = actions.pending !== null;
  return (
    <Flex direction="column" gap="md">
      {layout === 'tab' && <Heading>{data.company.name}</Heading>}
      <GoneDarkAlert goneDark={score.goneDark} churn={score.churn} />
      <HealthSummary score={score} />
      <NextPlay
        play={score.nextPlay}
        busy={busy}
        creating={actions.pending === 'create-task'}
        onCreateTask={() => void actions.createTaskForPlay(score.nextPlay.play, score.nextPlay.label)}
        onOutcome={(outcome) => void actions.recordOutcome(outcome)}
      />
      <CsmSentimentPanel sentiment={score.csmSentiment} busy={busy} saving={actions.pending === 'csm-sentiment'}
        onSave={(value, note) => void actions.setSentiment(value, note)} />
      <ValueRealisedPanel value={score.valueRealised} busy={busy} saving={actions.pending === 'desired-outcome'}
        onSave={(outcome) => void actions.setOutcome(outcome)} />
      <Divider />
      <TrendChart trend={score.trend} />
      <ComponentContributions components={score.components} biggestDrag={score.biggestDrag} />
      <Divider />
      <MilestoneList
        milestones={score.milestones}
        progress={score.milestoneProgress}
        busy={busy}
        onMarkDone={(milestone) => void actions.markMilestoneDone(milestone.key, milestone.label)}
        onSave={(milestone) => void actions.saveMilestone(milestone)}
        onRemove={(milestone) => void actions.removeMilestone(milestone.key, milestone.label)}
      />
      <FirstValueLine firstValue={score.firstValue} />
      {layout === 'tab' && (
        <>
          <Divider />
          <FitSummary fit={score.fit} />
        </>
      )}
      <Button variant="secondary" size="sm" disabled={busy} onClick={() => void actions.rescoreNow()} testId="rescore-button">
        {actions.pending === 'rescore' ? 'Rescoring…' : 'Rescore now'}
      </Button>
    </Flex>
  );
};
