// The public surface of the HubSpot door. OAuth, properties and signatures have their own modules.
export {
  HUBSPOT_API_VERSION, crmObjectTypeSchema, objectsPath, objectPath, searchPath, batchPath,
  associationsBatchReadPath, propertiesPath, propertyPath, propertyGroupsPath, type CrmObjectType,
} from './api-version.ts';
export { createHubSpotClient, type HubSpotClient, type HubSpotClientOptions, type PortalClient } from './client.ts';
export type { TokenProvider } from './token-provider.ts';
export type { HubSpotRequest, RequestEvent } from './request.ts';
export type { PortalRequestStats, EndpointStats } from './request-stats.ts';
export { defaultRateLimits, systemTimers, type RateLimits, type Timers } from './rate-limiter.ts';
export { decideRetry, defaultRetryOptions, type RetryDecision, type RetryInput, type RetryOptions } from './retry-policy.ts';
export type { BatchFailure } from './batch-failures.ts';
export {
  BATCH_MAX, LIST_PAGE_MAX, TASK_TO_COMPANY_ASSOCIATION_TYPE_ID,
  type BatchReadResult, type BatchUpdateInput, type BatchUpdateResult, type CreateObjectInput, type ListObjectsOptions,
  type NewAssociation, type ObjectPage,
} from './objects.ts';
export {
  SEARCH_PAGE_MAX, SEARCH_RESULT_CAP, parseHubSpotTimestamp,
  type SearchFilter, type SearchModifiedSinceOptions, type SearchPage,
} from './search.ts';
export { ASSOCIATIONS_BATCH_MAX, type AssociationsResult } from './associations.ts';
export { hubSpotObjectSchema, type HubSpotObject } from './schemas.ts';
