import type { PortalClient } from '../hubspot/client.ts';
import { provisionProperties, type ProvisionReport } from '../hubspot/properties.ts';
import { portalLogger, type Logger } from '../shared/logger.ts';
import type { InstallationsRepository } from '../store/installations-repository.ts';
import { waypointPropertyCatalogue } from '../writeback/property-catalogue.ts';

export const provisionWaypointProperties = (client: Pick<PortalClient, 'request'>): Promise<ProvisionReport> =>
  provisionProperties(client, waypointPropertyCatalogue);

/**
 * Run at every start: brings each active portal's properties in line with the catalogue. One portal's failure is
 * logged and never stops the others.
 */
export const provisionActivePortals = async (deps: {
  installations: InstallationsRepository;
  clientFor(portalId: number): Pick<PortalClient, 'request'>;
  logger: Logger;
}): Promise<{ provisioned: number[]; failed: number[] }> => {
  const provisioned: number[] = [];
  const failed: number[] = [];
  for (const installation of await deps.installations.listByStatus('active')) {
    const log = portalLogger(deps.logger, installation.portalId);
    try {
      const report = await provisionWaypointProperties(deps.clientFor(installation.portalId));
      log.info({ created: report.created, updated: report.updated }, 'properties provisioned');
      provisioned.push(installation.portalId);
    } catch (error) {
      log.warn({ err: error }, 'property provisioning failed');
      failed.push(installation.portalId);
    }
  }
  return { provisioned, failed };
};
