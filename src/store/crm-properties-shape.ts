import { createHash } from 'node:crypto';
import { z } from 'zod';

/** A synced record's properties as HubSpot (and the door, which parses every record it reads) holds them. */
export const crmPropertiesSchema = z.record(z.string(), z.string().nullable());

/**
 * A fingerprint of crmPropertiesSchema, stored beside each record the repository writes (its input holds only that
 * shape, and the door parses every record against it). A read may trust a record with the same fingerprint without
 * parsing its properties again; a change to the schema changes the fingerprint, so rows written before are parsed in
 * full once more. Derived, never bumped by hand. Hex only, so it can stand in SQL as a literal.
 */
export const PROPERTIES_SHAPE = createHash('sha256').update(JSON.stringify(z.toJSONSchema(crmPropertiesSchema))).digest('hex').slice(0, 16);
