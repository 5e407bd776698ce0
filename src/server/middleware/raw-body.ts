import type { IncomingMessage } from 'node:http';

/** Signatures are computed over the exact bytes HubSpot sent, so the JSON parser keeps them on the request. */
export type RequestWithRawBody = IncomingMessage & { rawBody?: Buffer };

export const keepRawBody = (req: IncomingMessage, _res: unknown, buffer: Buffer): void => {
  (req as RequestWithRawBody).rawBody = buffer;
};
