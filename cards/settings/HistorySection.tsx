import { Button, Flex, Heading, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@hubspot/ui-extensions';
import type { ConfigVersion } from '../settings-data.schema.ts';

const author = (savedBy: ConfigVersion['savedBy']): string => {
  if (savedBy.kind === 'hubspot_user') return savedBy.email ?? `HubSpot user ${savedBy.userId ?? ''}`;
  if (savedBy.kind === 'api_key') return `API key ${savedBy.keyPrefix ?? ''}…`;
  if (savedBy.kind === 'operator') return 'Operator (CLI)';
  return 'HubSpot';
};

type Props = { versions: ConfigVersion[]; current: number | null; onPreviewRollback: (version: number) => void };

/** Every saved version, who saved it and when; rolling back starts with the same dry run as a save. */
export const HistorySection = ({ versions, current, onPreviewRollback }: Props) => (
  <Flex direction="column" gap="sm">
    <Heading>History</Heading>
    <Table bordered>
      <TableHead><TableRow><TableHeader>Version</TableHeader><TableHeader>Saved by</TableHeader><TableHeader>When</TableHeader><TableHeader> </TableHeader></TableRow></TableHead>
      <TableBody>
        {versions.map((v) => (
          <TableRow key={v.version} testId={`version-${v.version}`}>
            <TableCell>{v.version === current ? `${v.version} (current)` : String(v.version)}</TableCell>
            <TableCell>{author(v.savedBy)}</TableCell>
            <TableCell>{v.savedAt.slice(0, 16).replace('T', ' ')}</TableCell>
            <TableCell>{v.version === current ? null : <Button size="xs" testId={`rollback-${v.version}`} onClick={() => onPreviewRollback(v.version)}>Roll back to this</Button>}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </Flex>
);
