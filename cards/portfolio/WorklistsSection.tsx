import { Button, Flex, Heading, Select, StatusTag, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useEffect, useState } from 'react';
import { cohortSchema } from '../card-data.schema.ts';
import { healthStatusView } from '../components/labels.ts';
import { useSection } from '../hooks/use-section.ts';
import { portfolioApi } from '../portfolio-api.ts';
import type { ListFilters, WorklistRow } from '../portfolio-data.schema.ts';
import { ExportButton, type PageTools } from './ExportButton.tsx';
import { CompanyLink } from './CompanyLink.tsx';
import { cohortLabel, cohortOrder, money, playLabel } from './format.ts';
import { SectionBody } from './SectionStates.tsx';

type Props = { tools: PageTools; segments: string[]; filters: ListFilters; onFilters: (filters: ListFilters) => void };

const ANY = '';
const NO_OWNER = 'none';

const ownerName = (owner: { ownerId: string | null; ownerName: string | null }): string =>
  owner.ownerId === null ? 'No owner' : owner.ownerName ?? `Owner ${owner.ownerId}`;

const Health = ({ row }: { row: WorklistRow }) => (
  <StatusTag variant={healthStatusView[row.healthStatus].variant}>{`${Math.round(row.healthScore)} · ${healthStatusView[row.healthStatus].label}`}</StatusTag>
);

const filterKey = (f: ListFilters) => `${f.owner ?? ''}|${f.segment ?? ''}|${f.cohort ?? ''}`;

/** Per CSM (the HubSpot company owner): the customers to work on first; then who renews in the next 120 days. */
export const WorklistsSection = ({ tools, segments, filters, onFilters }: Props) => {
  const key = `${tools.portalId}:${filterKey(filters)}`;
  const worklists = useSection(() => portfolioApi.worklists(tools.portalId, filters), key);
  const renewals = useSection(() => portfolioApi.renewals(tools.portalId, filters), key);
  // The owner picker keeps every owner seen, so picking one does not shrink the list to that one.
  const [owners, setOwners] = useState<Array<{ label: string; value: string }>>([]);
  useEffect(() => {
    if (worklists.state.status !== 'ok') return;
    const seen = worklists.state.data.owners.map((o) => ({ label: ownerName(o), value: o.ownerId ?? NO_OWNER }));
    setOwners((known) => [...known, ...seen.filter((o) => !known.some((k) => k.value === o.value))]);
  }, [worklists.state]);
  const query = portfolioApi.filterQuery(filters);
  const filtered = filterKey(filters) !== '||';
  return (
    <Flex direction="column" gap="sm">
      <Heading>Worklists</Heading>
      <Flex direction="row" gap="sm" align="end" wrap="wrap" testId="worklist-filters">
        <Select label="Owner" name="filter-owner" testId="filter-owner" value={filters.owner ?? ANY} options={[{ label: 'All owners', value: ANY }, ...owners]}
          onChange={(value) => onFilters({ ...filters, owner: value === ANY ? undefined : String(value) })} />
        <Select label="Segment" name="filter-segment" testId="filter-segment" value={filters.segment ?? ANY} options={[{ label: 'All segments', value: ANY }, ...segments.map((s) => ({ label: s, value: s }))]}
          onChange={(value) => onFilters({ ...filters, segment: value === ANY ? undefined : String(value) })} />
        <Select label="Cohort" name="filter-cohort" testId="filter-cohort" value={filters.cohort ?? ANY} options={[{ label: 'All cohorts', value: ANY }, ...cohortOrder.map((c) => ({ label: cohortLabel(c), value: c }))]}
          onChange={(value) => { const parsed = cohortSchema.safeParse(value); onFilters({ ...filters, cohort: parsed.success ? parsed.data : undefined }); }} />
        {filtered ? <Button size="xs" variant="transparent" testId="filter-clear" onClick={() => onFilters({})}>Clear filters</Button> : null}
        <ExportButton tools={tools} section="worklists" query={query} what="the worklists" />
      </Flex>
      <SectionBody id="worklists" what="worklists" state={worklists.state} onRetry={worklists.reload}
        empty={(data) => (data.owners.every((o) => o.top.length === 0) ? (filtered ? 'No current customer matches these filters.' : 'No customer has a score card yet.') : null)}>
        {(data) => (
          <Flex direction="column" gap="md">
            {data.owners.filter((o) => o.top.length > 0).map((owner) => (
              <Flex key={owner.ownerId ?? NO_OWNER} direction="column" gap="xs" testId={`worklist-${owner.ownerId ?? NO_OWNER}`}>
                <Text format={{ fontWeight: 'bold' }}>{`${ownerName(owner)} · ${owner.customers} ${owner.customers === 1 ? 'customer' : 'customers'}`}</Text>
                <Table bordered>
                  <TableHead><TableRow><TableHeader>Company</TableHeader><TableHeader>Health</TableHeader><TableHeader>Cohort</TableHeader><TableHeader>Segment</TableHeader><TableHeader>Next play</TableHeader><TableHeader>Renewal</TableHeader><TableHeader>ARR</TableHeader></TableRow></TableHead>
                  <TableBody>
                    {owner.top.map((row) => (
                      <TableRow key={row.companyId} testId={`work-${row.companyId}`}>
                        <TableCell><CompanyLink tools={tools} companyId={row.companyId} name={row.name} /></TableCell><TableCell><Health row={row} /></TableCell>
                        <TableCell>{cohortLabel(row.cohort)}</TableCell><TableCell>{row.segment}</TableCell><TableCell>{playLabel(row.nextPlay)}</TableCell>
                        <TableCell>{row.renewalDate ?? '–'}</TableCell><TableCell>{money(row.arr)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Flex>
            ))}
          </Flex>
        )}
      </SectionBody>
      <Flex justify="between" align="center"><Heading>Renewals</Heading><ExportButton tools={tools} section="renewals" query={query} what="the renewals" /></Flex>
      <SectionBody id="renewals" what="renewals" state={renewals.state} onRetry={renewals.reload}
        empty={(data) => (data.renewals.length === 0 ? `No customer renews in the next ${data.withinDays} days${filtered ? ' with these filters' : ''}.` : null)}>
        {(data) => (
          <Flex direction="column" gap="xs">
            <Text variant="microcopy">{`Renewing in the next ${data.withinDays} days, soonest first.`}</Text>
            <Table bordered testId="renewals-table">
              <TableHead><TableRow><TableHeader>Company</TableHeader><TableHeader>Renews</TableHeader><TableHeader>In</TableHeader><TableHeader>Owner</TableHeader><TableHeader>Health</TableHeader><TableHeader>Cohort</TableHeader><TableHeader>Next play</TableHeader><TableHeader>ARR</TableHeader></TableRow></TableHead>
              <TableBody>
                {data.renewals.map((row) => (
                  <TableRow key={row.companyId} testId={`renewal-${row.companyId}`}>
                    <TableCell><CompanyLink tools={tools} companyId={row.companyId} name={row.name} /></TableCell><TableCell>{row.renewalDate ?? '–'}</TableCell><TableCell>{`${row.daysToRenewal} days`}</TableCell>
                    <TableCell>{ownerName(row)}</TableCell><TableCell><Health row={row} /></TableCell><TableCell>{cohortLabel(row.cohort)}</TableCell>
                    <TableCell>{playLabel(row.nextPlay)}</TableCell><TableCell>{money(row.arr)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Flex>
        )}
      </SectionBody>
    </Flex>
  );
};
