import type { z } from 'zod';

export type Security = 'apiKey' | 'hubspotSignature';
export type Reply = { description: string; schema?: z.ZodType; contentType?: string };
export type Param = { description: string; schema: z.ZodType; required?: boolean };
export type Operation = {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI style: /api/v1/portals/{portalId}/sync-status. */
  path: string;
  tag: string;
  summary: string;
  security?: Security[];
  query?: Record<string, Param>;
  body?: z.ZodType;
  responses: Record<number, Reply>;
};
