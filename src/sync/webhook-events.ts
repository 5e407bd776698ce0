import { z } from 'zod';
import type { CrmObjectType } from '../hubspot/api-version.ts';
import { objectTypeById } from './object-catalogue.ts';

// HubSpot's ids are 64-bit integers (at most 20 digits); a longer one is not HubSpot's and, unbounded, a 3 KB id
// failed the whole batch on PostgreSQL's index size limit. Other strings get room for any real value.
const id = z.union([z.string().min(1).max(40), z.number().int()]).transform(String);
const text = z.string().max(512);

/** One delivered event; fields Waypoint does not act on pass through untouched into the stored payload. */
export const webhookEventSchema = z.looseObject({
  eventId: id,
  portalId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  subscriptionType: text.min(1),
  occurredAt: z.number().optional(),
  objectId: id.optional(),
  objectTypeId: text.optional(),
  propertyName: text.optional(),
  // HubSpot caps a property value at 65,536 characters.
  propertyValue: z.string().max(65_536).optional(),
  changeSource: text.optional(),
  sourceId: text.nullable().optional(),
  mergedObjectIds: z.array(id).max(1000).optional(),
  fromObjectId: id.optional(),
  toObjectId: id.optional(),
  fromObjectTypeId: text.optional(),
  toObjectTypeId: text.optional(),
  associationRemoved: z.boolean().optional(),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

export const webhookBatchSchema = z.array(webhookEventSchema).min(1, 'must hold at least one event').max(1000, 'must hold at most 1000 events');

/** Waypoint's own writes come back as events too; acting on them would make write-back trigger itself forever. */
export const isOwnChange = (event: WebhookEvent, appId: string): boolean =>
  (event.changeSource === 'INTEGRATION' && event.sourceId === `app-${appId}`) || (event.propertyName?.startsWith('waypoint_') ?? false);

export type EventAction =
  | { kind: 'refetch'; type: CrmObjectType; id: string }
  | { kind: 'delete'; type: CrmObjectType; id: string }
  | { kind: 'merge'; type: CrmObjectType; id: string; mergedIds: string[] }
  | { kind: 'link'; childType: CrmObjectType; childId: string; companyId: string; removed: boolean }
  | { kind: 'privacy-delete'; contactId: string }
  | { kind: 'uninstall' }
  | { kind: 'ignore'; reason: string };

const typeOf = (typeId: string | undefined): CrmObjectType | undefined => (typeId === undefined ? undefined : objectTypeById[typeId]);

const linkAction = (event: WebhookEvent): EventAction => {
  const from = typeOf(event.fromObjectTypeId);
  const to = typeOf(event.toObjectTypeId);
  if (!from || !to || !event.fromObjectId || !event.toObjectId) return { kind: 'ignore', reason: 'association between unknown objects' };
  const removed = event.associationRemoved === true;
  if (to === 'companies' && from !== 'companies') return { kind: 'link', childType: from, childId: event.fromObjectId, companyId: event.toObjectId, removed };
  if (from === 'companies' && to !== 'companies') return { kind: 'link', childType: to, childId: event.toObjectId, companyId: event.fromObjectId, removed };
  return { kind: 'ignore', reason: 'association not involving exactly one company' };
};

/** What an event asks of the store. */
export const actionFor = (event: WebhookEvent): EventAction => {
  const type = event.subscriptionType.toLowerCase();
  if (type === 'contact.privacydeletion' && event.objectId) return { kind: 'privacy-delete', contactId: event.objectId };
  if (type.includes('uninstall')) return { kind: 'uninstall' };
  if (type === 'object.associationchange' || type.endsWith('.associationchange')) return linkAction(event);
  const objectType = typeOf(event.objectTypeId) ?? legacyType(type);
  if (!objectType || !event.objectId) return { kind: 'ignore', reason: `unsupported event ${event.subscriptionType}` };
  if (type.endsWith('.deletion')) return { kind: 'delete', type: objectType, id: event.objectId };
  if (type.endsWith('.merge')) return { kind: 'merge', type: objectType, id: event.objectId, mergedIds: event.mergedObjectIds ?? [] };
  return { kind: 'refetch', type: objectType, id: event.objectId };
};

const legacyTypes: Record<string, CrmObjectType> = { company: 'companies', contact: 'contacts', deal: 'deals', ticket: 'tickets' };
const legacyType = (subscriptionType: string): CrmObjectType | undefined => legacyTypes[subscriptionType.split('.')[0] ?? ''];
