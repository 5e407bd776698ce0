import { Alert, Button, Divider, ErrorState, Flex, LoadingSpinner, Tab, Tabs, Text } from '@hubspot/ui-extensions';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { settingsApi } from '../settings-api.ts';
import type { ConfigVersion, DataCoverage, DryRunReport, EditableConfig, FitCounts, PropertiesResponse, StarPupilDays } from '../settings-data.schema.ts';
import { ApiKeysSection } from './ApiKeysSection.tsx';
import { CalibrationPanel } from './CalibrationPanel.tsx';
import { CoverageSection } from './CoverageSection.tsx';
import { CustomersSection } from './CustomersSection.tsx';
import { DataMappingSection } from './DataMappingSection.tsx';
import { changedSections } from './draft.ts';
import { DryRunPanel } from './DryRunPanel.tsx';
import { FitSection } from './FitSection.tsx';
import { healthIssues, HealthSection } from './HealthSection.tsx';
import { HistorySection } from './HistorySection.tsx';
import { MilestonesSection } from './MilestonesSection.tsx';

type Loaded = {
  saved: EditableConfig; version: number | null; properties: PropertiesResponse; versions: ConfigVersion[]; coverage: DataCoverage | null;
  starPupils: StarPupilDays | null;
};
type Review = { kind: 'save'; report: DryRunReport } | { kind: 'rollback'; version: number; report: DryRunReport };

type Props = { portalId: number; addAlert: (alert: { type: 'success' | 'danger' | 'info'; message: string }) => void; copy: (text: string) => Promise<void> | void };

/** Waypoint's settings: edit a working copy, see the whole-portal dry run, then apply it as a new version. */
export const SettingsPage = ({ portalId, addAlert, copy }: Props) => {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<EditableConfig | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [review, setReview] = useState<Review | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [counts, setCounts] = useState<FitCounts | null>(null);

  const load = useCallback(async () => {
    const [config, properties, versions, status, pupils] = await Promise.all([
      settingsApi.config(portalId), settingsApi.properties(portalId), settingsApi.versions(portalId), settingsApi.coverage(portalId),
      settingsApi.starPupils(portalId),
    ]);
    if (!config.ok) return setLoadError(config.message);
    if (!properties.ok) return setLoadError(properties.message);
    setLoaded({ saved: config.value.config, version: config.value.version, properties: properties.value, versions: versions.ok ? versions.value.versions : [],
      // Shown when the backend has a report (after the first whole-portal scoring run); the page works without it.
      coverage: status.ok ? status.value.dataCoverage ?? null : null,
      // Likewise the star pupils' milestone days, which the milestones section can fill expected days from.
      starPupils: pupils.ok && pupils.value.profile?.overall ? pupils.value.profile.overall : null });
    setDraft(config.value.config);
    setLoadError(null);
  }, [portalId]);
  useEffect(() => { void load(); }, [load]);

  const fitDraft = useMemo(() => (draft ? JSON.stringify({ customerFilter: draft.customerFilter, fit: draft.fit }) : null), [draft]);
  useEffect(() => {
    if (fitDraft === null) return;
    let current = true;
    void settingsApi.fitCounts(portalId, JSON.parse(fitDraft) as Record<string, unknown>).then((result) => {
      if (current) setCounts(result.ok ? result.value : null);
    });
    return () => { current = false; };
  }, [portalId, fitDraft]);

  if (loadError) return <ErrorState title="Waypoint settings could not be loaded"><Text>{loadError}</Text><Button onClick={() => void load()}>Try again</Button></ErrorState>;
  if (!loaded || !draft) return <LoadingSpinner label="Loading Waypoint settings" />;

  const changes = changedSections(loaded.saved, draft);
  const localErrors = healthIssues(draft.health.status);
  const allErrors = { ...localErrors, ...errors };
  const update = (patch: Partial<EditableConfig>) => {
    setDraft({ ...draft, ...patch });
    setErrors({});
    setProblem(null);
  };
  const failed = (result: { message: string; issues: Array<{ path: string; message: string }> }) => {
    setErrors(Object.fromEntries(result.issues.map((issue) => [issue.path, issue.message])));
    setProblem(result.message);
  };
  const progress = (n: number) => setBusy(`Dry run in progress: ${n} companies so far…`);

  const startReview = async () => {
    setBusy('Dry run in progress…');
    const result = await settingsApi.dryRun(portalId, changes, progress);
    setBusy(null);
    if (!result.ok) return failed(result);
    setReview({ kind: 'save', report: result.value });
  };
  const previewRollback = async (version: number) => {
    setBusy('Dry run in progress…');
    const result = await settingsApi.rollbackDryRun(portalId, version, progress);
    setBusy(null);
    if (!result.ok) return failed(result);
    setReview({ kind: 'rollback', version, report: result.value });
  };
  const apply = async () => {
    if (!review) return;
    setBusy('Saving…');
    const result = review.kind === 'save' ? await settingsApi.save(portalId, changes) : await settingsApi.rollback(portalId, review.version);
    setBusy(null);
    if (!result.ok) {
      setReview(null);
      return failed(result);
    }
    setReview(null);
    addAlert({ type: 'success', message: `Saved as version ${result.value.version}. Waypoint is rescoring your customers.` });
    await load();
  };

  const section = { draft, update, properties: loaded.properties.objects, errors: allErrors };
  return (
    <Flex direction="column" gap="md">
      {problem ? <Alert title="Not saved" variant="danger" testId="save-problem">{problem}</Alert> : null}
      {busy ? <Text testId="busy">{busy}</Text> : null}
      {review ? (
        <DryRunPanel
          title={review.kind === 'save' ? 'Before you apply: what changes across the portal' : `Before rolling back to version ${review.version}`}
          report={review.report} applyLabel={review.kind === 'save' ? 'Apply' : 'Roll back'} applying={busy !== null}
          onApply={() => void apply()} onCancel={() => setReview(null)}
        />
      ) : (
        <Flex direction="row" gap="xs" align="center">
          <Button testId="review" variant="primary" disabled={Object.keys(changes).length === 0 || Object.keys(localErrors).length > 0 || busy !== null}
            onClick={() => void startReview()}>Review changes</Button>
          <Button variant="secondary" disabled={Object.keys(changes).length === 0} onClick={() => update(loaded.saved)}>Discard</Button>
          <Text>{loaded.version === null ? 'Using the default settings.' : `Version ${loaded.version} is live.`}</Text>
        </Flex>
      )}
      <Tabs defaultSelected="mapping">
        <Tab tabId="mapping" title="Data mapping">
          <Flex direction="column" gap="md">
            {loaded.coverage ? <CoverageSection coverage={loaded.coverage} /> : null}
            <DataMappingSection {...section} />
          </Flex>
        </Tab>
        <Tab tabId="customers" title="Customers and segments"><CustomersSection {...section} /></Tab>
        <Tab tabId="fit" title="Fit"><FitSection {...section} counts={counts} /></Tab>
        <Tab tabId="milestones" title="Milestones"><MilestonesSection {...section} starPupils={loaded.starPupils} /></Tab>
        <Tab tabId="health" title="Health">
          <Flex direction="column" gap="md">
            <CalibrationPanel portalId={portalId} draft={draft} update={update} />
            <HealthSection {...section} />
          </Flex>
        </Tab>
        <Tab tabId="keys" title="API keys"><ApiKeysSection portalId={portalId} copy={copy} /></Tab>
        <Tab tabId="history" title="History"><HistorySection versions={loaded.versions} current={loaded.version} onPreviewRollback={(v) => void previewRollback(v)} /></Tab>
      </Tabs>
      <Divider />
    </Flex>
  );
};
