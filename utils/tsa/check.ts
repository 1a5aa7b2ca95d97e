/**
 * Judging an RFC 3161 timestamp: the imprint is the expected digest, the TSA's signature over
 * the signed attributes holds, and the signing certificate is meant for timestamping.
 * With trusted roots, the certificate chain is checked too (at the stated time).
 */
import * as asn1js from 'asn1js';
import { Certificate, CertificateChainValidationEngine, ExtKeyUsage, getCrypto } from 'pkijs';
import { fromPemAll } from '../pack/pem';
import {
  OID_ATTR_CONTENT_TYPE,
  OID_ATTR_MESSAGE_DIGEST,
  OID_EXT_KEY_USAGE,
  OID_KP_TIMESTAMPING,
  OID_SHA256,
  OID_TSTINFO,
  formatName,
} from './asn';
import { decodeTimestamp, findSignerCert, type DecodedToken } from './response';

/** Outcome of `checkTimestampToken`. */
export interface TimestampCheck {
  ok: boolean;
  /** The time the token states (RFC 3339 UTC), when it could be read. */
  time?: string;
  /** The TSA certificate's subject. */
  tsa?: string;
  /** Why the token is refused, or a caveat when it is accepted. */
  reason?: string;
  /** Whether the TSA certificate chains to one of `trustedCertsPem`. */
  trusted?: boolean;
}

const hex = (b: ArrayBuffer | Uint8Array): string =>
  Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');

function isTimestampingCert(cert: Certificate): string | undefined {
  const ext = cert.extensions?.find((e) => e.extnID === OID_EXT_KEY_USAGE);
  if (!ext) return 'the TSA certificate has no extendedKeyUsage';
  if (!ext.critical)
    return "the TSA certificate's extendedKeyUsage is not critical (RFC 3161 requires it)";
  const eku = ext.parsedValue instanceof ExtKeyUsage ? ext.parsedValue : undefined;
  if (!eku?.keyPurposes.includes(OID_KP_TIMESTAMPING))
    return 'the TSA certificate is not for timeStamping';
  if (eku.keyPurposes.length !== 1)
    return 'the TSA certificate has other key purposes than timeStamping';
  return undefined;
}

/** Verifies the CMS signature by hand: pkijs' SignedData.verify wants the timestamped data itself. */
async function signatureProblem(t: DecodedToken, cert: Certificate): Promise<string | undefined> {
  const si = t.signedData?.signerInfos[0];
  if (!si || !t.eContent) return 'the token has no signer';
  if (!si.signedAttrs) return 'the token has no signed attributes';
  const engine = getCrypto(true);
  const alg = engine.getAlgorithmByOID<Algorithm>(si.digestAlgorithm.algorithmId, false);
  if (!('name' in alg)) return `unsupported digest algorithm ${si.digestAlgorithm.algorithmId}`;
  let contentType: string | undefined;
  let digest: string | undefined;
  for (const a of si.signedAttrs.attributes) {
    const v: unknown = a.values[0];
    if (a.type === OID_ATTR_CONTENT_TYPE && v instanceof asn1js.ObjectIdentifier)
      contentType = v.valueBlock.toString();
    if (a.type === OID_ATTR_MESSAGE_DIGEST && v instanceof asn1js.OctetString)
      digest = hex(v.valueBlock.valueHexView);
  }
  if (contentType !== OID_TSTINFO) return 'the signed content-type attribute is not TSTInfo';
  const actual = hex(await engine.digest(alg, new Uint8Array(t.eContent)));
  if (digest !== actual) return 'the signed message-digest does not match the TSTInfo';
  const sigAlg =
    si.signatureAlgorithm.algorithmId === '1.2.840.113549.1.1.1' ? alg.name : undefined;
  const ok = await engine.verifyWithPublicKey(
    si.signedAttrs.encodedValue,
    si.signature,
    cert.subjectPublicKeyInfo,
    si.signatureAlgorithm,
    sigAlg,
  );
  return ok ? undefined : 'the TSA signature does not verify';
}

async function chainTrusted(
  t: DecodedToken,
  cert: Certificate,
  trustedPem: string,
  at: Date,
): Promise<boolean> {
  const trustedCerts = fromPemAll(trustedPem, 'CERTIFICATE').map((der) =>
    Certificate.fromBER(new Uint8Array(der)),
  );
  const engine = new CertificateChainValidationEngine({
    trustedCerts,
    certs: [...t.certs, cert],
    checkDate: at,
  });
  const r = await engine.verify();
  return r.result;
}

/**
 * Checks a DER TimeStampResp (or token) against the expected SHA-256 imprint (hex).
 * Never throws: malformed input gives `{ ok: false, reason }`.
 */
export async function checkTimestampToken(
  der: Uint8Array,
  expectedImprintHex: string,
  opts: { trustedCertsPem?: string } = {},
): Promise<TimestampCheck> {
  let t: DecodedToken;
  try {
    t = decodeTimestamp(der);
  } catch (err) {
    return {
      ok: false,
      reason: `not a timestamp: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  if (t.status !== 0 && t.status !== 1)
    return { ok: false, reason: `the TSA refused the request (status ${t.status})` };
  const info = t.tstInfo;
  if (!info) return { ok: false, reason: 'the response holds no token' };
  const time = Number.isNaN(info.genTime.getTime()) ? undefined : info.genTime.toISOString();
  if (!time) return { ok: false, reason: 'the token states no valid time' };
  const cert = findSignerCert(t);
  const tsa = cert ? formatName(cert.subject) : undefined;
  const base = { time, tsa };
  if (info.messageImprint.hashAlgorithm.algorithmId !== OID_SHA256)
    return { ...base, ok: false, reason: 'the imprint is not SHA-256' };
  const imprint = hex(info.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (imprint !== expectedImprintHex.toLowerCase())
    return {
      ...base,
      ok: false,
      reason: `the token's imprint ${imprint} is not the expected ${expectedImprintHex}`,
    };
  if (!cert) return { ...base, ok: false, reason: 'the token does not carry the TSA certificate' };
  try {
    const problem = isTimestampingCert(cert) ?? (await signatureProblem(t, cert));
    if (problem) return { ...base, ok: false, reason: problem };
    if (!opts.trustedCertsPem)
      return {
        ...base,
        ok: true,
        reason: 'the TSA certificate was not checked against a trust list',
      };
    const trusted = await chainTrusted(t, cert, opts.trustedCertsPem, info.genTime);
    return trusted
      ? { ...base, ok: true, trusted }
      : {
          ...base,
          ok: false,
          trusted,
          reason: 'the TSA certificate does not chain to a trusted certificate',
        };
  } catch (err) {
    return {
      ...base,
      ok: false,
      reason: `the token could not be checked: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}
