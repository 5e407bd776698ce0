import { NOW } from '../writeback/support.ts';

export { CLIENT_SECRET, PUBLIC_BASE_URL, appWith, clock, signV3 } from './cards-support.ts';
export const NOW_MS = NOW.getTime();
