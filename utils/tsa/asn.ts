/**
 * Small ASN.1 helpers shared by the RFC 3161 modules: OIDs, DER parsing that refuses trailing
 * bytes, and readable X.500 names for reports.
 */
import * as asn1js from 'asn1js';
import type { RelativeDistinguishedNames } from 'pkijs';

/** id-sha256. */
export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
/** id-ct-TSTInfo: the content type of a timestamp token. */
export const OID_TSTINFO = '1.2.840.113549.1.9.16.1.4';
/** id-signedData. */
export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
/** id-kp-timeStamping. */
export const OID_KP_TIMESTAMPING = '1.3.6.1.5.5.7.3.8';
/** extKeyUsage extension. */
export const OID_EXT_KEY_USAGE = '2.5.29.37';
/** CMS signed attributes content-type and message-digest. */
export const OID_ATTR_CONTENT_TYPE = '1.2.840.113549.1.9.3';
export const OID_ATTR_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

/** Parses one DER value that must span all of `der`; throws otherwise. */
export function parseDer(der: Uint8Array, what: string): asn1js.AsnType {
  const copy = new Uint8Array(der);
  const r = asn1js.fromBER(copy);
  if (r.offset === -1) throw new Error(`${what} is not DER`);
  if (r.offset !== der.length)
    throw new Error(`${what} has ${der.length - r.offset} bytes after its end`);
  return r.result;
}

const NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** `CN=..., O=..., C=...` for an X.500 name, most specific first as OpenSSL's -nameopt RFC2253 does. */
export function formatName(rdn: RelativeDistinguishedNames): string {
  const parts = rdn.typesAndValues.map((tv) => {
    const v = (tv.value as { valueBlock?: { value?: unknown } }).valueBlock?.value;
    return `${NAMES[tv.type] ?? tv.type}=${typeof v === 'string' ? v : '?'}`;
  });
  return parts.reverse().join(', ');
}
