/**
 * Test helpers: the saved Telegram pages of ../shared (read in place, never copied into the
 * project) and the fixtures beside this file, loaded into happy-dom at a chosen URL.
 * Not imported by production code.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window as HappyWindow } from 'happy-dom';

/** The shared folder of real saved t.me pages. */
export const SHARED_TELEGRAM = resolve(import.meta.dirname, '../../../shared/data/telegram');

/** Names of the saved pages (every .html file there). */
export function sharedPages(): string[] {
  return readdirSync(SHARED_TELEGRAM)
    .filter((f) => f.endsWith('.html'))
    .sort();
}

/** The text of one saved page, read in place. */
export function sharedPage(name: string): string {
  return readFileSync(join(SHARED_TELEGRAM, name), 'utf8');
}

/** The text of a fixture beside this helper. */
export function fixture(name: string): string {
  return readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
}

/** A loaded page and a way to free it. */
export interface LoadedPage {
  doc: Document;
  close(): Promise<void>;
}

/** Loads `html` as if served from `url`. Scripts are not run (happy-dom's default). */
export function load(html: string, url: string): LoadedPage {
  const happy = new HappyWindow({ url, width: 1280, height: 800 });
  happy.document.write(html);
  const doc = (happy as unknown as Window).document;
  return { doc, close: () => happy.happyDOM.close() };
}
