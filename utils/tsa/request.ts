/**
 * RFC 3161 TimeStampReq for a SHA-256 digest.
 */
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, MessageImprint, TimeStampReq } from 'pkijs';
import { OID_SHA256 } from './asn';

/** A random positive 64-bit nonce, so a replayed answer to an earlier request is noticed. */
export function randomNonce(): Uint8Array {
  const n = crypto.getRandomValues(new Uint8Array(8));
  // Clear the sign bit and avoid a leading zero byte, which DER would have to drop.
  n[0] = ((n[0] ?? 0) & 0x7f) | 0x40;
  return n;
}

/**
 * DER TimeStampReq (version 1, SHA-256 imprint, certReq true so the TSA includes its
 * certificate). `nonce` is big-endian, positive, without leading zero byte.
 */
export function buildTimestampRequest(
  sha256: Uint8Array,
  nonce: Uint8Array = randomNonce(),
): Uint8Array {
  if (sha256.length !== 32) throw new Error(`a SHA-256 digest is 32 bytes, got ${sha256.length}`);
  const req = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({
        algorithmId: OID_SHA256,
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(sha256) }),
    }),
    nonce: new asn1js.Integer({ valueHex: new Uint8Array(nonce) }),
    certReq: true,
  });
  return new Uint8Array(req.toSchema().toBER());
}
