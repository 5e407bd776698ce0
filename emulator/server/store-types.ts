import type { ObjectType } from '../generator/index.ts';

/** Who made a change: HubSpot reports it on webhook events and in property history. */
export interface ChangeSource {
  changeSource: string;
  sourceId: string | null;
}

export type StoreEvent =
  | { kind: 'creation'; type: ObjectType; id: string; source: ChangeSource }
  | { kind: 'propertyChange'; type: ObjectType; id: string; name: string; value: string | null; source: ChangeSource }
  | { kind: 'deletion'; type: ObjectType; id: string; source: ChangeSource }
  | { kind: 'restore'; type: ObjectType; id: string; source: ChangeSource }
  | { kind: 'merge'; type: ObjectType; primaryId: string; mergedId: string; source: ChangeSource }
  | { kind: 'associationChange'; fromType: ObjectType; fromId: string; toType: ObjectType; toId: string; removed: boolean; source: ChangeSource };

export interface HistoryEntry {
  value: string | null;
  timestamp: string;
  sourceType: string;
  sourceId: string | null;
}
