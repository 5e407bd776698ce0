import { generatePortal } from './emulator/generator/index.ts';
import { PortalStore } from './emulator/server/portal-store.ts';
const portal = generatePortal({ size: 'M', seed: 1 });
let t = performance.now();
for (let i = 0; i < portal.companies.length; i++) portal.children(i);
console.log('build all', (performance.now() - t).toFixed(0));
const store = new PortalStore(portal, () => Date.now(), () => {});
t = performance.now();
console.log(store.liveCount('contacts'), 'liveCount', (performance.now() - t).toFixed(0));
