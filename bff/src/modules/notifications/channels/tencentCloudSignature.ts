import { createHash, createHmac } from 'node:crypto';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

export interface Tc3Request {
  secretId: string;
  secretKey: string;
  /** The product, e.g. "sms": part of the credential scope. */
  service: string;
  /** The Host header as sent (with a port when not the default). */
  host: string;
  action: string;
  /** Unix seconds; also sent as X-TC-Timestamp. */
  timestamp: number;
  /** The exact JSON body sent. */
  payload: string;
}

export const tc3ContentType = 'application/json; charset=utf-8';

/**
 * Tencent Cloud API 3.0 signature v3 (TC3-HMAC-SHA256) of a POST with a JSON body: canonical request
 * (method, URI "/", empty query, canonical headers content-type, host and x-tc-action, their names,
 * the body's SHA-256) → string to sign (algorithm, timestamp, credential scope date/service/tc3_request,
 * the canonical request's SHA-256) → key derived from "TC3"+SecretKey over the UTC date, the service and
 * "tc3_request". Returns the Authorization header.
 */
export function tc3Authorization(request: Tc3Request): string {
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalHeaders =
    `content-type:${tc3ContentType}\n` +
    `host:${request.host.toLowerCase()}\n` +
    `x-tc-action:${request.action.toLowerCase()}\n`;
  const canonicalRequest = [
    'POST',
    '/',
    '',
    canonicalHeaders,
    signedHeaders,
    sha256Hex(request.payload),
  ].join('\n');
  const scope = `${date}/${request.service}/tc3_request`;
  const stringToSign = [
    'TC3-HMAC-SHA256',
    String(request.timestamp),
    scope,
    sha256Hex(canonicalRequest),
  ].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${request.secretKey}`, date), request.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${request.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
