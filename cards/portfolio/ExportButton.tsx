import { Button } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { portfolioApi, type Query } from '../portfolio-api.ts';

export type Alert = (alert: { type: 'success' | 'danger' | 'info'; message: string }) => void;
export type PageTools = { portalId: number; addAlert: Alert; copy: (text: string) => Promise<void> | void };

type Props = { tools: PageTools; section: string; query?: Query; what: string };

/**
 * CSV of the section's table, as the backend writes it (format=csv). A plain link would reach Waypoint unsigned and
 * be refused, so the page fetches it signed and puts it on the clipboard, ready to paste into a spreadsheet.
 */
export const ExportButton = ({ tools, section, query = {}, what }: Props) => {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const result = await portfolioApi.csv(tools.portalId, section, query);
    if (result.ok) {
      await tools.copy(result.value);
      tools.addAlert({ type: 'success', message: `CSV of ${what} copied: paste it into a spreadsheet.` });
    } else {
      tools.addAlert({ type: 'danger', message: `CSV of ${what} could not be made: ${result.message}` });
    }
    setBusy(false);
  };
  return (
    <Button size="xs" variant="secondary" disabled={busy} onClick={() => void run()} testId={`export-${section}`}>
      {busy ? 'Preparing CSV…' : 'Copy as CSV'}
    </Button>
  );
};
