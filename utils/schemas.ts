/**
 * The shapes of everything Protokol stores or passes between contexts, in zod.
 * Field names follow `shared/spec/evidence-pack-v1.md` so that export needs no conversion.
 * Pure module: no browser imports.
 */
import { z } from 'zod';

export const SHA256_HEX = /^[0-9a-f]{64}$/;
export const Sha256Hex = z.string().regex(SHA256_HEX);
/** RFC 3339 UTC with milliseconds and `Z`, as the pack format requires. */
export const UtcTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

export const ItemKind = z.enum(['article', 'telegram_post', 'video', 'image', 'page', 'selection']);
export type ItemKind = z.infer<typeof ItemKind>;

/**
 * Artifact roles of the pack format, plus `html_served` (the HTML exactly as the server sent it,
 * fetched again by the extension). The format lets verifiers ignore what they do not know;
 * the role list in the spec names no closed set, and every artifact is still hashed and listed.
 */
export const ArtifactRole = z.enum([
  'html_snapshot',
  'html_served',
  'mhtml',
  'screenshot',
  'screenshot_full',
  'article_text',
  'article_html',
  'media',
  'thumbnail',
  'capture_timestamp',
  'metadata',
]);
export type ArtifactRole = z.infer<typeof ArtifactRole>;

export const ViolationCategory = z.enum([
  'arbitrary_detention',
  'forced_conscription',
  'torture_ill_treatment',
  'enforced_disappearance',
  'conscientious_objection_denied',
  'persecution_of_defenders',
  'political_prosecution',
  'death_in_custody',
  'threats_intimidation',
  'other',
]);
export type ViolationCategory = z.infer<typeof ViolationCategory>;

/** An artifact as an item refers to it (the pack's `items[].artifacts[]` plus local fields). */
export const ArtifactRef = z.object({
  role: ArtifactRole,
  /** Path inside a pack: `items/<item-id>/<name>`. */
  path: z.string(),
  sha256: Sha256Hex,
  /** Local id of the artifact record in the store. */
  artifact_id: z.string(),
  size: z.number().int().nonnegative(),
  media_type: z.string(),
});
export type ArtifactRef = z.infer<typeof ArtifactRef>;

export const Environment = z.object({
  user_agent: z.string().optional(),
  time_zone: z.string().optional(),
  viewport: z.object({ width: z.number(), height: z.number() }).optional(),
  device_pixel_ratio: z.number().optional(),
  extension_version: z.string().optional(),
  browser: z.string().optional(),
  /** How the clock was read: always the local system clock, noted as such for the record. */
  clock: z.string().optional(),
});
export type Environment = z.infer<typeof Environment>;

export const Detection = z.object({
  score: z.number().min(0).max(1),
  categories: z.array(z.object({ id: ViolationCategory, score: z.number() })),
  entities: z.array(
    z.object({
      type: z.string(),
      text: z.string(),
      value: z.string(),
      start: z.number().optional(),
      end: z.number().optional(),
    }),
  ),
});
export type Detection = z.infer<typeof Detection>;

export const FullPageState = z.object({
  status: z.enum(['pending', 'added', 'missing']),
  /** Why it is missing (English, as in the alterations). */
  reason: z.string().optional(),
  /** How many views of the window were stitched (added). */
  frames: z.number().int().nonnegative().optional(),
  /** When the state last changed. */
  at: z.string().optional(),
});
export type FullPageState = z.infer<typeof FullPageState>;

/** An item (one observation of a page or post) as stored. */
export const Item = z.object({
  id: z.uuid(),
  kind: ItemKind,
  url: z.string(),
  requested_url: z.string().optional(),
  title: z.string(),
  captured_at: UtcTime,
  case_id: z.string().nullable(),
  source: z.record(z.string(), z.unknown()),
  environment: Environment,
  artifacts: z.array(ArtifactRef),
  custody_head: Sha256Hex,
  /** Number of custody events (the next event's seq). */
  custody_length: z.number().int().positive(),
  detection: Detection.nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
  /**
   * Alterations the capture process caused, in plain words (Berkeley Protocol),
   * e.g. "scripts removed from the HTML snapshot".
   */
  alterations: z.array(z.string()),
  /** SHA-256 of the normalised visible text: equal digests mean the same content was observed. */
  content_digest: Sha256Hex,
  /** Plain text used for search and display (article text or page text), maybe truncated. */
  text: z.string(),
  /** Folded search tokens (see utils/search.ts); a multi-entry index. */
  words: z.array(z.string()),
  /**
   * The capture-time RFC 3161 timestamp, when the user turned timestamps on: `pending` until an
   * authority answered (requests that fail are retried later), then `granted`.
   */
  timestamp: z
    .object({
      status: z.enum(['pending', 'granted']),
      time: z.string().optional(),
      tsa: z.string().optional(),
      attempts: z.number().int().nonnegative(),
      last_error: z.string().optional(),
      last_attempt: z.string().optional(),
    })
    .optional(),
  /**
   * A page capture's full-page screenshot, taken after the item was saved (Chromium allows two
   * window screenshots a second, so it takes seconds): `pending` until it is added with an
   * `artifact_added` event, or `missing` with the reason (also in the alterations and the log).
   */
  full_page: FullPageState.optional(),
});
export type Item = z.infer<typeof Item>;

export const Case = z.object({
  id: z.uuid(),
  title: z.string().min(1),
  description: z.string(),
  created_at: UtcTime,
});
export type Case = z.infer<typeof Case>;

/** Artifact metadata record; its bytes live in `chunks`. */
export const ArtifactRecord = z.object({
  id: z.string(),
  item_id: z.string(),
  role: ArtifactRole,
  /** File name inside the item's folder in a pack, e.g. `page.html`. */
  name: z.string(),
  media_type: z.string(),
  size: z.number().int().nonnegative(),
  sha256: Sha256Hex,
  chunk_count: z.number().int().nonnegative(),
  created_at: UtcTime,
});
export type ArtifactRecord = z.infer<typeof ArtifactRecord>;

/** One chunk of an artifact's bytes. */
export interface ChunkRecord {
  artifact_id: string;
  index: number;
  data: Uint8Array;
  /** 1: `data` is an AES-GCM envelope bound to artifact, index and "last" (store-crypto.ts). */
  enc?: 1;
}

/** A custody event as stored: `line` is the exact JSONL line (without `\n`) the pack will carry. */
export const CustodyRecord = z.object({
  item_id: z.string(),
  seq: z.number().int().nonnegative(),
  at: UtcTime,
  action: z.string(),
  line: z.string(),
  /** SHA-256 (hex) of `line`'s UTF-8 bytes. */
  hash: Sha256Hex,
});
export type CustodyRecord = z.infer<typeof CustodyRecord>;

/** A capture in progress, persisted so that a worker killed mid-capture is noticed on restart. */
export const CaptureJob = z.object({
  id: z.string(),
  /**
   * `capture` (the default when absent): a capture that saves an item; `full_page`: the second
   * phase of a page capture, which adds the full-page screenshot to item `item_id`.
   */
  kind: z.enum(['capture', 'full_page']).optional(),
  url: z.string(),
  tab_id: z.number().optional(),
  status: z.enum(['running', 'done', 'failed', 'interrupted']),
  started_at: UtcTime,
  finished_at: UtcTime.optional(),
  item_id: z.string().optional(),
  /** Message key + params for the user; see utils/i18n. */
  error: z.object({ code: z.string(), detail: z.string().optional() }).optional(),
  /** Whether the user has seen the outcome (interrupted/failed jobs are shown until seen). */
  seen: z.boolean().optional(),
});
export type CaptureJob = z.infer<typeof CaptureJob>;
