/**
 * User settings kept in the store (so they travel with the evidence and are wiped with it).
 * Every feature that makes a network request is off until the user turns it on.
 */
import { z } from 'zod';
import type { EvidenceDb } from './db';

export const Settings = z.object({
  /** RFC 3161 timestamps at capture and export. Off: a request reveals a hash and the user's IP. */
  tsa_enabled: z.boolean().default(false),
  tsa_urls: z.array(z.url()).default([]),
  /** The authorities' CA certificates (PEM), shipped in packs as tsa-chain.pem for `openssl ts -verify`. */
  tsa_chain_pem: z.string().default(''),
  /** A full-page screenshot (and its banded copy) at each page capture; on unless turned off. */
  fullpage_enabled: z.boolean().default(true),
});
export type Settings = z.infer<typeof Settings>;

const KEY = 'settings';

export async function getSettings(db: EvidenceDb): Promise<Settings> {
  const row = await db.settings.get(KEY);
  const parsed = Settings.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : Settings.parse({});
}

export async function updateSettings(db: EvidenceDb, patch: Partial<Settings>): Promise<Settings> {
  return db.transaction('rw', db.settings, async () => {
    const next = Settings.parse({ ...(await getSettings(db)), ...patch });
    await db.settings.put({ key: KEY, value: next });
    return next;
  });
}
