import { Link } from '@hubspot/ui-extensions';
import type { PageTools } from './ExportButton.tsx';
import { companyRecordUrl } from './format.ts';

/** A company's name linking to its HubSpot record, in a new tab; its id when the store has no name. */
export const CompanyLink = ({ tools, companyId, name }: { tools: PageTools; companyId: string; name: string | null }) => (
  <Link href={{ url: companyRecordUrl(tools.portalId, companyId), external: true }}>{name ?? `Company ${companyId}`}</Link>
);
