/**
 * Values derived from an item's content: the content digest and the search words.
 * Shared by saving, editing and the v1→v2 migration so all three compute them the same way.
 * Synchronous on purpose: it runs inside Dexie transactions and upgrades.
 */
import { sha256HexSync } from '../hash';
import { searchTokens } from '../search';

/** The text that content digests compare: whitespace collapsed, trimmed, NFC. */
export function normalizeContentText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim().normalize('NFC');
}

/** SHA-256 of the normalised text: equal digests mean the same content was observed. */
export function contentDigest(text: string): string {
  return sha256HexSync(normalizeContentText(text));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** The fields the search words are made from. */
export interface WordSource {
  title: string;
  url: string;
  text: string;
  notes?: string;
}

/**
 * Search words of an item: title, URL host, the user's notes, then the text. The text comes
 * last so that, when the token limit cuts, it cuts the tail of a long page, not the title.
 */
export function itemWords(item: WordSource): string[] {
  return searchTokens([item.title, hostOf(item.url), item.notes ?? '', item.text].join(' '));
}
