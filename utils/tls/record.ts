/**
 * The TLS record of a captured page (Firefox only): what `webRequest.getSecurityInfo` reported
 * for the page's main-frame response, turned into `tls.json` (connection details and each
 * certificate of the chain with its own SHA-256 fingerprint, computed here from the DER bytes,
 * not copied from the browser) and `tls-chain.pem` (the chain as the server sent it, leaf first,
 * for `openssl x509`). Pure module: no browser imports.
 */

import { sha256HexSync } from '../hash';

/** The part of Firefox's SecurityInfo this record reads (rawDER: true, certificateChain: true). */
export interface SecurityInfoLike {
  state: string;
  protocolVersion?: string;
  cipherSuite?: string;
  keaGroupName?: string;
  signatureSchemeName?: string;
  secretKeyLength?: number;
  hsts?: boolean;
  isExtendedValidation?: boolean;
  certificateTransparencyStatus?: string;
  overridableErrorCategory?: string;
  errorMessage?: string;
  certificates: Array<{
    subject: string;
    issuer: string;
    validity: { start: number; end: number };
    serialNumber: string;
    fingerprint?: { sha1?: string; sha256?: string };
    isBuiltInRoot?: boolean;
    rawDER?: number[] | Uint8Array;
  }>;
}

export interface TlsCertificate {
  subject: string;
  issuer: string;
  not_before: string;
  not_after: string;
  serial: string;
  /** Lowercase hex SHA-256 of the DER bytes, as `openssl x509 -fingerprint -sha256` shows it (without colons). */
  sha256: string;
  /** What the browser reported, for comparison. */
  browser_sha256: string | null;
  built_in_root: boolean;
  der_base64: string;
}

export interface TlsRecord {
  format: 'protokol-tls/1';
  url: string;
  observed_at: string;
  source: string;
  state: string;
  protocol_version: string | null;
  cipher_suite: string | null;
  key_exchange_group: string | null;
  signature_scheme: string | null;
  secret_key_length: number | null;
  hsts: boolean | null;
  extended_validation: boolean | null;
  certificate_transparency: string | null;
  error: string | null;
  /** Leaf first, as the server sent the chain (and as Firefox built it). */
  certificates: TlsCertificate[];
}

export const TLS_SOURCE =
  'Firefox webRequest.getSecurityInfo in onHeadersReceived for the main-frame response that loaded the page';

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms));

export function buildTlsRecord(url: string, info: SecurityInfoLike, observedAt: Date): TlsRecord {
  return {
    format: 'protokol-tls/1',
    url,
    observed_at: observedAt.toISOString(),
    source: TLS_SOURCE,
    state: info.state,
    protocol_version: info.protocolVersion ?? null,
    cipher_suite: info.cipherSuite ?? null,
    key_exchange_group: info.keaGroupName ?? null,
    signature_scheme: info.signatureSchemeName ?? null,
    secret_key_length: info.secretKeyLength ?? null,
    hsts: info.hsts ?? null,
    extended_validation: info.isExtendedValidation ?? null,
    certificate_transparency: info.certificateTransparencyStatus ?? null,
    error: info.errorMessage ?? info.overridableErrorCategory ?? null,
    certificates: info.certificates.map((c) => {
      const der = new Uint8Array(c.rawDER ?? []);
      return {
        subject: c.subject,
        issuer: c.issuer,
        not_before: iso(c.validity.start),
        not_after: iso(c.validity.end),
        serial: c.serialNumber,
        sha256: der.length ? sha256HexSync(der) : '',
        browser_sha256: c.fingerprint?.sha256 ?? null,
        built_in_root: c.isBuiltInRoot ?? false,
        der_base64: base64(der),
      };
    }),
  };
}

/** The chain as PEM blocks, leaf first (certificates without DER bytes are left out). */
export function chainPem(record: TlsRecord): string {
  return record.certificates
    .filter((c) => c.der_base64)
    .map(
      (c) =>
        `-----BEGIN CERTIFICATE-----\n${c.der_base64.replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`,
    )
    .join('');
}

/** `AB:CD:…` (Firefox, openssl) to `abcd…`. */
export function plainHex(colonHex: string): string {
  return colonHex.replace(/:/g, '').toLowerCase();
}
