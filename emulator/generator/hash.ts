import { createHash } from 'node:crypto';
import type { Portal } from './portal.ts';

/** SHA-256 over everything a portal holds, in a fixed order: equal hashes mean byte-identical portals. */
export const hashPortal = (portal: Portal): string => {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ portalId: portal.portalId, now: portal.now, owners: portal.owners }));
  portal.companies.forEach((company, index) => {
    hash.update(JSON.stringify(company));
    hash.update(JSON.stringify(portal.truth.get(company.id)));
    hash.update(JSON.stringify(portal.children(index)));
    hash.update(JSON.stringify(portal.usage(company.id)));
  });
  return hash.digest('hex');
};
