/**
 * Asking an RFC 3161 authority for a timestamp over HTTP (RFC 3161 section 3.4).
 */
import { buildTimestampRequest, randomNonce } from './request';
import { imprintMatches, parseTimestampResponse, type ParsedTimestamp } from './response';
import { toPem } from '../pack/pem';

/** A granted timestamp: the DER response as received, and what it says. */
export interface TimestampReply {
  tsr: Uint8Array;
  parsed: ParsedTimestamp;
}

const hex = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/**
 * POSTs a TimeStampReq for `sha256` to `url` and checks that the answer is granted, for that
 * imprint and nonce. Throws with a plain reason otherwise.
 */
export async function requestTimestamp(
  url: string,
  sha256: Uint8Array,
  fetchImpl: typeof fetch = fetch,
): Promise<TimestampReply> {
  const nonce = randomNonce();
  const res = await fetchImpl(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/timestamp-query',
      accept: 'application/timestamp-reply',
    },
    body: new Uint8Array(buildTimestampRequest(sha256, nonce)),
  });
  if (!res.ok) throw new Error(`the timestamp authority answered HTTP ${res.status}`);
  const tsr = new Uint8Array(await res.arrayBuffer());
  const parsed = parseTimestampResponse(tsr);
  if (parsed.status !== 0 && parsed.status !== 1)
    throw new Error(`the timestamp authority refused the request (status ${parsed.status})`);
  if (!imprintMatches(parsed, hex(sha256)))
    throw new Error('the timestamp authority stamped another digest');
  if (parsed.nonce !== hex(nonce))
    throw new Error('the timestamp answer does not carry our nonce (replayed or mixed up)');
  return { tsr, parsed };
}

/**
 * A `timestamp` hook for `writePack`: stamps the SHA-256 of the manifest at `url`, and ships
 * the TSA certificate from the token plus `chainPem` (the TSA's CA chain, configured by the
 * user) as tsa-chain.pem, so `openssl ts -verify -CAfile tsa-chain.pem` can run.
 */
export function createTimestampHook(
  url: string,
  chainPem: string,
  fetchImpl: typeof fetch = fetch,
): (bytes: Uint8Array) => Promise<{ tsr: Uint8Array; chainPem: string }> {
  return async (bytes) => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
    const { tsr, parsed } = await requestTimestamp(url, digest, fetchImpl);
    const fromToken = parsed.certs.map((der) => toPem('CERTIFICATE', der)).join('');
    return { tsr, chainPem: fromToken + chainPem };
  };
}
