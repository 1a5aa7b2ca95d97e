/**
 * Parsing RFC 3161 TimeStampResp (or a bare TimeStampToken, as `openssl ts -token_in` takes).
 */
import * as asn1js from 'asn1js';
import { Certificate, ContentInfo, SignedData, TSTInfo, TimeStampResp } from 'pkijs';
import { formatName, OID_SHA256, OID_SIGNED_DATA, OID_TSTINFO, parseDer } from './asn';

/** What a timestamp response says, without judging it. */
export interface ParsedTimestamp {
  /** PKIStatus: 0 granted, 1 grantedWithMods, 2 rejection, 3 waiting, 4/5 revocation. */
  status: number;
  /** RFC 3339 UTC time the TSA states. */
  genTime?: string;
  /** Hex of the hashed message. */
  imprint?: string;
  /** OID of the imprint's hash algorithm. */
  hashAlgorithm?: string;
  /** Hex of the token's serial number. */
  serial?: string;
  /** Hex of the nonce, when the request had one. */
  nonce?: string;
  policy?: string;
  /** The signing TSA certificate's subject (or the token's tsa field). */
  tsaName?: string;
  /** DER of every certificate carried in the token. */
  certs: Uint8Array[];
}

/** The decoded pieces of a token, for the checker. */
export interface DecodedToken {
  status: number;
  signedData?: SignedData;
  tstInfo?: TSTInfo;
  /** The exact DER of TSTInfo (the signed content). */
  eContent?: Uint8Array;
  certs: Certificate[];
}

const hex = (b: ArrayBuffer | Uint8Array): string =>
  Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');

function decodeSignedData(contentInfo: ContentInfo): Omit<DecodedToken, 'status'> {
  if (contentInfo.contentType !== OID_SIGNED_DATA)
    throw new Error(`the token is not CMS SignedData (${contentInfo.contentType})`);
  const signedData = new SignedData({ schema: contentInfo.content });
  const certs = (signedData.certificates ?? []).filter(
    (c): c is Certificate => c instanceof Certificate,
  );
  const eci = signedData.encapContentInfo;
  if (eci.eContentType !== OID_TSTINFO)
    throw new Error(`the token does not hold a TSTInfo (${eci.eContentType})`);
  if (!eci.eContent) throw new Error('the token has no TSTInfo content');
  const eContent = new Uint8Array(eci.eContent.getValue());
  const tstInfo = new TSTInfo({ schema: parseDer(eContent, 'TSTInfo') });
  return { signedData, tstInfo, eContent, certs };
}

/** Decodes a TimeStampResp or TimeStampToken. Throws on malformed DER. */
export function decodeTimestamp(der: Uint8Array): DecodedToken {
  const root = parseDer(der, 'the timestamp');
  if (!(root instanceof asn1js.Sequence)) throw new Error('the timestamp is not an ASN.1 SEQUENCE');
  const first = root.valueBlock.value[0];
  if (first instanceof asn1js.ObjectIdentifier)
    return { status: 0, ...decodeSignedData(new ContentInfo({ schema: root })) };
  const resp = new TimeStampResp({ schema: root });
  const status = resp.status.status;
  if (!resp.timeStampToken) return { status, certs: [] };
  return { status, ...decodeSignedData(resp.timeStampToken) };
}

/** Signer certificate named by the first SignerInfo's sid (issuer + serial, or key identifier). */
export function findSignerCert(token: DecodedToken): Certificate | undefined {
  const sid: unknown = token.signedData?.signerInfos[0]?.sid;
  if (!sid) return undefined;
  const s = sid as {
    issuer?: { isEqual(x: unknown): boolean };
    serialNumber?: { isEqual(x: unknown): boolean };
  };
  if (s.issuer && s.serialNumber) {
    return token.certs.find(
      (c) =>
        s.issuer?.isEqual(c.issuer) === true && s.serialNumber?.isEqual(c.serialNumber) === true,
    );
  }
  return token.certs.length === 1 ? token.certs[0] : undefined;
}

/**
 * Parses a DER TimeStampResp (or token) into plain fields. Throws when the bytes are not a
 * timestamp at all; a rejected request parses with its status and no time.
 */
export function parseTimestampResponse(der: Uint8Array): ParsedTimestamp {
  const t = decodeTimestamp(der);
  const out: ParsedTimestamp = {
    status: t.status,
    certs: t.certs.map((c) => new Uint8Array(c.toSchema().toBER())),
  };
  const info = t.tstInfo;
  if (!info) return out;
  out.genTime = info.genTime.toISOString();
  out.imprint = hex(info.messageImprint.hashedMessage.valueBlock.valueHexView);
  out.hashAlgorithm = info.messageImprint.hashAlgorithm.algorithmId;
  out.serial = hex(info.serialNumber.valueBlock.valueHexView);
  if (info.nonce) out.nonce = hex(info.nonce.valueBlock.valueHexView);
  out.policy = info.policy;
  const cert = findSignerCert(t);
  if (cert) out.tsaName = formatName(cert.subject);
  return out;
}

/** Whether a parsed imprint is SHA-256 of the expected digest. */
export function imprintMatches(p: ParsedTimestamp, expectedHex: string): boolean {
  return p.hashAlgorithm === OID_SHA256 && p.imprint === expectedHex.toLowerCase();
}
