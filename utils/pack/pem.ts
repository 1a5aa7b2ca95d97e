/**
 * PEM encoding and the signer key: Ed25519 SubjectPublicKeyInfo, as `openssl pkey` writes it.
 */
import * as asn1js from 'asn1js';
import { PublicKeyInfo } from 'pkijs';
import { plainBytes } from './sha256';

/** OID of Ed25519 (RFC 8410). */
export const ED25519_OID = '1.3.101.112';

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** PEM text with 64-character lines and a final newline, as OpenSSL writes it. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = toBase64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The DER of every `label` block in `pem`, in order. Throws on bad base64. */
export function fromPemAll(pem: string, label: string): Uint8Array[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  const out: Uint8Array[] = [];
  for (const m of pem.matchAll(re)) {
    const body = (m[1] ?? '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new Error(`the ${label} block is not base64`);
    out.push(fromBase64(body));
  }
  return out;
}

/**
 * Checks that `der` is an Ed25519 SPKI in its one DER form, so that the SHA-256 we compute is
 * the one `openssl pkey -pubin -outform DER | sha256sum` prints. Returns a problem or undefined.
 */
export function ed25519SpkiProblem(der: Uint8Array): string | undefined {
  const parsed = asn1js.fromBER(plainBytes(der));
  if (parsed.offset === -1) return 'signer.pem does not hold a DER structure';
  if (parsed.offset !== der.length) return 'signer.pem has bytes after the key';
  let info: PublicKeyInfo;
  try {
    info = new PublicKeyInfo({ schema: parsed.result });
  } catch {
    return 'signer.pem is not a SubjectPublicKeyInfo';
  }
  if (info.algorithm.algorithmId !== ED25519_OID)
    return `signer.pem is not an Ed25519 key (algorithm ${info.algorithm.algorithmId})`;
  if (info.algorithm.algorithmParams !== undefined)
    return 'signer.pem has algorithm parameters, which Ed25519 keys must not have';
  if (info.subjectPublicKey.valueBlock.valueHexView.length !== 32)
    return 'signer.pem holds an Ed25519 key of the wrong length';
  const reencoded = new Uint8Array(info.toSchema().toBER());
  if (reencoded.length !== der.length || reencoded.some((b, i) => b !== der[i]))
    return 'signer.pem is not in canonical DER form';
  return undefined;
}

/** The single PUBLIC KEY of a PEM file, or a problem. */
export function parseSignerPem(text: string): { der: Uint8Array } | { problem: string } {
  let blocks: Uint8Array[];
  try {
    blocks = fromPemAll(text, 'PUBLIC KEY');
  } catch (err) {
    return { problem: `signer.pem: ${err instanceof Error ? err.message : String(err)}` };
  }
  const der = blocks[0];
  if (!der) return { problem: 'signer.pem has no PUBLIC KEY block' };
  if (blocks.length > 1) return { problem: 'signer.pem has more than one PUBLIC KEY block' };
  const problem = ed25519SpkiProblem(der);
  return problem ? { problem } : { der };
}
