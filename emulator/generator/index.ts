export { generatePortal, portalSizes, DEFAULT_NOW, type Portal, type GeneratePortalOptions } from './portal.ts';
export { hashPortal } from './hash.ts';
export { Rng, seedFrom } from './prng.ts';
export { childId, createdIdBase, decodeId, CHILD_STRIDE } from './ids.ts';
export * from './types.ts';
export { churnProbability } from './plan.ts';
