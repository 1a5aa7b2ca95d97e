/**
 * Public types of the evidence pack core (see shared/spec/evidence-pack-v1.md).
 * Pure module: no browser or Node imports, so the same code runs in the extension and the CLI.
 */

/**
 * Random access to the bytes of a pack: a Node file handle in the CLI, `File.slice` in the
 * extension. `read` must return exactly `length` bytes unless the source ends first; a shorter
 * answer is treated as a truncated file.
 */
export interface RandomAccessSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** An incremental SHA-256. Implementations: hash-wasm, @noble/hashes, node:crypto. */
export interface Sha256Hasher {
  update(data: Uint8Array): void;
  /** Lowercase hex, as `sha256sum` prints it. */
  digestHex(): string;
}

/** Makes a fresh hasher; pluggable so the Node CLI can use node:crypto, which is faster. */
export type Sha256Factory = () => Sha256Hasher | Promise<Sha256Hasher>;

/** Identifiers of the verifier's checks; one per step of the spec's "Verifying" section. */
export type CheckId =
  | 'zip'
  | 'entry-names'
  | 'manifest'
  | 'signature'
  | 'key-id'
  | 'files'
  | 'sha256sums'
  | 'item'
  | 'custody'
  | 'timestamp';

/** One line of the verification report: a passed step, or one failure naming its entry. */
export interface VerifyCheck {
  id: CheckId;
  ok: boolean;
  /** The ZIP entry the check concerns (for failures, always set when an entry is to blame). */
  entry?: string;
  /** The manifest item the check concerns. */
  item?: string;
  message: string;
}

/** Result of `verifyPack`. Stable shape: the CLI prints it as JSON. */
export interface VerifyReport {
  /** `unreadable`: not a ZIP, no manifest.json, or a manifest that is not JSON at all. */
  status: 'valid' | 'invalid' | 'unreadable';
  checks: VerifyCheck[];
  signer?: { key_id: string; label?: string };
  manifest_timestamp?: { time: string; tsa?: string; ok: boolean };
  items: number;
  files: number;
}

/** Options of `verifyPack`. */
export interface VerifyOptions {
  hasher?: Sha256Factory;
  /** Bytes read per call to the source while streaming entries (default 1 MiB). */
  chunkSize?: number;
  /** Largest manifest.json accepted (default 64 MiB). */
  maxManifestBytes?: number;
  /** Largest number of ZIP entries accepted (default 200 000). */
  maxEntries?: number;
  /** PEM certificates trusted as TSA roots; without them a timestamp's chain is not judged. */
  tsaTrustedPem?: string;
  signal?: AbortSignal;
  /** Called with the number of payload bytes hashed so far. */
  onProgress?: (hashedBytes: number, totalBytes: number) => void;
}

/** A key that signs packs. `keyId` must be the hex SHA-256 of `spkiDer`. */
export interface PackSigner {
  keyId: string;
  spkiDer: Uint8Array;
  label?: string;
  /** Ed25519 signature (64 raw bytes) of `bytes`. */
  sign: (bytes: Uint8Array) => Promise<Uint8Array>;
}

/** The stored bytes of one artifact, with what was recorded about them at capture time. */
export interface PackArtifactInput {
  path: string;
  /** SHA-256 computed when the artifact was stored; export refuses bytes that no longer match. */
  sha256: string;
  size: number;
  media_type: string;
  open: () => AsyncIterable<Uint8Array>;
}

/** The manifest fields of an item (the spec's Item), as the store holds them. */
export interface PackItemFields {
  id: string;
  kind: string;
  url: string;
  requested_url?: string;
  title: string;
  captured_at: string;
  source: Record<string, unknown>;
  environment: Record<string, unknown>;
  artifacts: Array<{ role: string; path: string; sha256: string }>;
  /** Head before export; the writer checks it against `custody` and replaces it after `exported`. */
  custody_head: string;
  detection: unknown;
  tags: string[];
  notes: string;
}

/** One item to export: its fields, its custody lines (without `\n`) and its artifacts' bytes. */
export interface PackItemInput {
  fields: PackItemFields;
  custody: string[];
  /** One per `fields.artifacts` entry, matched by path. */
  artifacts: PackArtifactInput[];
}

/** What the `exported` custody event records. */
export interface ExportedEventData {
  pack_id: string;
  key_id: string;
  file_name: string;
}

/** Everything the writer needs from the store. */
export interface PackInput {
  case: { id: string; title: string; description: string } | null;
  generator: { name: string; version: string; user_agent: string };
  items: PackItemInput[];
  /**
   * Appends an `exported` event to the item's custody log in the store and returns the whole
   * log (lines without `\n`). Called once per item, after every artifact was re-hashed.
   */
  appendExported(itemId: string, data: ExportedEventData): Promise<string[]>;
  /**
   * URLs a batch capture was asked for but could not capture, with the reason. Listed in the
   * report and in the manifest's `not_captured` (an extra field the format lets verifiers ignore).
   */
  notCaptured?: Array<{ url: string; reason: string }>;
}

/** An RFC 3161 timestamp of the manifest, fetched by the caller's hook. */
export interface PackTimestamp {
  /** DER TimeStampResp. */
  tsr: Uint8Array;
  /** The TSA's certificate chain, PEM. */
  chainPem: string;
}

/** Locales the report and labels are written in. */
export type PackLocale = 'en' | 'ru' | 'uk';

/** Options of `writePack`. */
export interface WritePackOptions {
  /** Asks a TSA to timestamp `bytes` (the exact manifest.json). */
  timestamp?: (bytes: Uint8Array) => Promise<PackTimestamp>;
  /** Write the pack without a timestamp when the hook fails (default: fail the export). */
  continueWithoutTimestamp?: boolean;
  locale?: PackLocale;
  now?: () => Date;
  packId?: string;
  hasher?: Sha256Factory;
  /** Write every entry in ZIP64 form (tests); otherwise only where sizes or offsets need it. */
  forceZip64?: boolean;
  signal?: AbortSignal;
  onProgress?: (phase: 'rehash' | 'write', doneBytes: number, totalBytes: number) => void;
}

/** What `writePack` returns once the pack is complete and the sink closed. */
export interface PackResult {
  pack_id: string;
  file_name: string;
  created_at: string;
  key_id: string;
  manifest_sha256: string;
  /** Size of the ZIP written to the sink. */
  bytes: number;
  files: number;
  items: number;
  timestamp?: { time: string };
}
