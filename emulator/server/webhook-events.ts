import { seedFrom } from '../generator/index.ts';
import { associationLabel, objectTypeIds } from './associations-catalog.ts';
import type { StoreEvent } from './store-types.ts';

export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  objectId: number;
  objectTypeId: string;
  changeSource: string;
  sourceId?: string;
  propertyName?: string;
  propertyValue?: string;
  changeFlag?: string;
  primaryObjectId?: number;
  mergedObjectIds?: number[];
  newObjectId?: number;
  fromObjectId?: number;
  toObjectId?: number;
  fromObjectTypeId?: string;
  toObjectTypeId?: string;
  associationType?: string;
  associationRemoved?: boolean;
}

const subscriptionId = (type: string, objectTypeId: string, property = ''): number => 1_000_000 + (seedFrom(`${type}:${objectTypeId}:${property}`) % 9_000_000);

/** HubSpot's webhook payload for one store change (attemptNumber is set at delivery). */
export const toWebhookEvent = (event: StoreEvent, eventId: number, portalId: number, appId: number, occurredAt: number): WebhookEvent => {
  const base = { eventId, portalId, appId, occurredAt, attemptNumber: 0, changeSource: event.source.changeSource, ...(event.source.sourceId ? { sourceId: event.source.sourceId } : {}) };
  switch (event.kind) {
    case 'propertyChange': {
      const objectTypeId = objectTypeIds[event.type];
      return {
        ...base, subscriptionType: 'object.propertyChange', subscriptionId: subscriptionId('object.propertyChange', objectTypeId, event.name),
        objectId: Number(event.id), objectTypeId, propertyName: event.name, propertyValue: event.value ?? '',
      };
    }
    case 'merge': {
      const objectTypeId = objectTypeIds[event.type];
      return {
        ...base, subscriptionType: 'object.merge', subscriptionId: subscriptionId('object.merge', objectTypeId), objectId: Number(event.primaryId), objectTypeId,
        primaryObjectId: Number(event.primaryId), mergedObjectIds: [Number(event.mergedId)], newObjectId: Number(event.primaryId),
      };
    }
    case 'associationChange': {
      const fromObjectTypeId = objectTypeIds[event.fromType];
      return {
        ...base, subscriptionType: 'object.associationChange', subscriptionId: subscriptionId('object.associationChange', fromObjectTypeId),
        objectId: Number(event.fromId), objectTypeId: fromObjectTypeId, fromObjectId: Number(event.fromId), toObjectId: Number(event.toId),
        fromObjectTypeId, toObjectTypeId: objectTypeIds[event.toType], associationType: associationLabel(event.fromType, event.toType).toUpperCase(),
        associationRemoved: event.removed,
      };
    }
    default: {
      const subscriptionType = `object.${event.kind}`;
      const objectTypeId = objectTypeIds[event.type];
      return {
        ...base, subscriptionType, subscriptionId: subscriptionId(subscriptionType, objectTypeId), objectId: Number(event.id), objectTypeId,
        ...(event.kind === 'deletion' ? { changeFlag: 'DELETED' } : event.kind === 'creation' ? { changeFlag: 'CREATED' } : {}),
      };
    }
  }
};
