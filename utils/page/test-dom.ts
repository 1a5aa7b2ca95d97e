/**
 * Test helper: a happy-dom window at a chosen URL holding the given HTML, typed as the DOM lib's
 * Window so the page core sees what it sees in a browser. Not imported by production code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window as HappyWindow } from 'happy-dom';

/** A loaded page and a way to free it. */
export interface TestPage {
  win: Window;
  doc: Document;
  close(): Promise<void>;
}

/** Loads `html` as if served from `url`. Scripts are not run (happy-dom's default). */
export function loadHtml(
  html: string,
  url = 'https://news.example/world/2025/raid.html',
): TestPage {
  const happy = new HappyWindow({ url, width: 1280, height: 800 });
  happy.document.write(html);
  const win = happy as unknown as Window;
  return { win, doc: win.document, close: () => happy.happyDOM.close() };
}

/** Reads a fixture file next to this helper. */
export function fixture(name: string): string {
  // import.meta.url is not a file: URL under vitest's happy-dom environment; dirname is.
  return readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
}
