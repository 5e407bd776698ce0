import { AsyncLocalStorage } from 'node:async_hooks';
import { Client } from '@hubspot/api-client';

/** One attempt as the door hands it to the wire: already authorised, budgeted and bounded by the caller. */
export interface WireRequest {
  method: string;
  path: string;
  /** Values already joined the way HubSpot expects (comma-separated lists). */
  query: Readonly<Record<string, string>>;
  body?: unknown;
  token: string;
  /** Ends the attempt: the socket is torn down, not just forgotten. */
  signal: AbortSignal;
}

export interface WireResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  text: string;
}

/** One portal's wire to HubSpot. */
export type PortalTransport = (request: WireRequest) => Promise<WireResponse>;

/** The part of the SDK's own Request that its HttpClient reads when it sends. */
interface SdkRequest {
  getUrl(): URL;
  getSendData(): object;
}
type SdkSend = (request: SdkRequest) => Promise<Response>;

interface Attempt {
  signal: AbortSignal;
  fetchImpl?: typeof fetch;
}

// The SDK's apiRequest takes no abort signal and no agent, and it sends through node-fetch, which does honour a
// signal in its init. Its one extension point on that path is the decorator chain wrapped around HttpClient.send, so
// the attempt's signal travels to the decorator in async context and is added to what node-fetch receives: a
// timed-out attempt closes its socket instead of leaving it to a hung server.
const attempts = new AsyncLocalStorage<Attempt>();

const deadlineDecorator = {
  decorate: (send: SdkSend): SdkSend => (request) => {
    const attempt = attempts.getStore();
    // Every SDK call goes through sdkPortalTransport; an attempt without its deadline would be unbounded, so none leaves.
    if (!attempt) return Promise.reject(new Error('HubSpot SDK request made outside the door\'s transport (no deadline)'));
    const init = { ...request.getSendData(), signal: attempt.signal };
    if (attempt.fetchImpl) return attempt.fetchImpl(request.getUrl().toString(), init);
    const armed: SdkRequest = Object.create(request) as SdkRequest;
    armed.getSendData = () => init;
    return send(armed);
  },
};

/**
 * The SDK client of one portal. Its Bottleneck limiter and its retries are decorators too: this client installs only
 * the deadline, so Waypoint's per-portal rolling-window limiter and retry policy are the only ones in charge.
 * The SDK keeps its decorators in a process-wide singleton that every Client construction resets; that is harmless
 * only while every Client in the process is this one (lint keeps the SDK inside src/hubspot).
 */
class PortalSdkClient extends Client {
  protected override getDecorators() {
    return [deadlineDecorator];
  }
}

/**
 * The door's transport: the SDK's apiRequest on a per-portal client, which builds the URL, the bearer header, the
 * JSON body and its user agent. fetchImpl, when given, replaces only the socket under it (fault-injecting tests and
 * benches); production leaves it unset.
 */
export const sdkPortalTransport = (baseUrl: string, fetchImpl?: typeof fetch): PortalTransport => {
  // The SDK appends paths to basePath as strings.
  const client = new PortalSdkClient({ basePath: baseUrl.replace(/\/+$/, '') });
  return (request) => attempts.run({ signal: request.signal, fetchImpl }, async () => {
    // Tokens rotate; the client carries the portal's current one, set before the SDK builds the request.
    if (client.config.accessToken !== request.token) client.setAccessToken(request.token);
    const hasBody = request.body !== undefined;
    const response = await client.apiRequest({
      method: request.method,
      path: request.path,
      ...(Object.keys(request.query).length > 0 ? { qs: request.query } : {}),
      ...(hasBody ? { body: request.body } : {}),
      // Only a body is JSON-encoded and labelled; a GET carries no content type.
      defaultJson: hasBody,
    });
    return readResponse(response);
  });
};

/** A form-encoded POST that no portal token authorises: OAuth's token exchange, refresh and introspection. */
export interface FormRequest {
  path: string;
  form: Readonly<Record<string, string>>;
  signal: AbortSignal;
}

export type FormTransport = (request: FormRequest) => Promise<WireResponse>;

/**
 * OAuth's wire: the same SDK apiRequest and deadline as the portals' transport, on a client that holds no token
 * (the form carries the client secret instead), so every call Waypoint makes to HubSpot leaves through the SDK.
 */
export const sdkFormTransport = (baseUrl: string, fetchImpl?: typeof fetch): FormTransport => {
  const client = new PortalSdkClient({ basePath: baseUrl.replace(/\/+$/, '') });
  return (request) => attempts.run({ signal: request.signal, fetchImpl }, async () => readResponse(await client.apiRequest({
    method: 'POST',
    path: request.path,
    body: new URLSearchParams(request.form).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    // The SDK would otherwise JSON-encode the body and label it so, and add a bearer header if it ever held a token.
    defaultJson: false,
    authType: 'none',
  })));
};

// Read under the attempt's signal: a body that stops arriving ends the attempt too.
const readResponse = async (response: Awaited<ReturnType<Client['apiRequest']>>): Promise<WireResponse> => {
  const text = await response.text();
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), text };
};
