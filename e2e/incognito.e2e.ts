/**
 * Protokol in a private (incognito) window, Chromium, with "Allow in Incognito" switched on and
 * the store encrypted: a page opened only in the private window is captured; with the browser
 * closed, neither its text nor its URL is in any file of the profile — not in the store
 * (encrypted), not in the browser's history, cache or session files. The page is served with
 * a long cache lifetime, so a copy fetched through the normal profile's cache would be kept on
 * disk (which the capture's second fetch used to do). Control: a page opened in a normal tab
 * is found by the same scan (in the history).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Extension } from './browser';
import { HOST } from './server';

const SECRET = 'Merganser-Private-6604 задержание у здания суда';
const SECRET_PATH = '/private-merganser-6604.html';
const OPEN = 'Grebe-Public-7715 открытая страница';
const OPEN_PATH = '/public-grebe-7715.html';

let server: Server;
let origin: string;
let profile: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const text = path === SECRET_PATH ? SECRET : path === OPEN_PATH ? OPEN : null;
    if (!text) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      // Cacheable, as many real pages are: a fetch through the normal profile keeps a copy.
      'cache-control': 'public, max-age=3600',
      'set-cookie': `seen=${path.slice(1, 12)}; Max-Age=3600; Path=/`,
    });
    res.end(
      `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${text}</title></head>` +
        `<body><article><h1>${text}</h1>${`<p>${text}. Свидетели сообщают.</p>`.repeat(10)}</article></body></html>`,
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://${HOST}:${(server.address() as AddressInfo).port}`;
  profile = await mkdtemp(join(tmpdir(), 'protokol-incognito-'));
});
afterAll(async () => {
  await new Promise((ok) => server?.close(ok));
  if (profile) await rm(profile, { recursive: true, force: true });
});

type Answer<T> = { res?: T; err?: { message?: string } };
const send = async <T>(page: Page, type: string, data?: unknown): Promise<T> => {
  const a = await page.evaluate(
    ({ type, data }): Promise<Answer<T>> =>
      chrome.runtime.sendMessage({ id: Date.now(), type, data, timestamp: Date.now() }),
    { type, data },
  );
  if (a.res === undefined) throw new Error(a.err?.message ?? `no answer to ${type}`);
  return a.res;
};

async function scanAll(dir: string, needles: Record<string, string>): Promise<string[]> {
  const hits = new Set<string>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        const data = await readFile(p);
        for (const [label, s] of Object.entries(needles))
          if (data.includes(Buffer.from(s, 'utf8')) || data.includes(Buffer.from(s, 'utf16le')))
            hits.add(`${p.slice(dir.length + 1)}: ${label}`);
      }
    }
  };
  await walk(dir);
  return [...hits];
}

describe('a private window', () => {
  let ext: Extension;

  it('with "Allow in Incognito" on, a page in a private window is captured into the encrypted store', async () => {
    // Chromium keeps the switch in the profile's Preferences; set it as chrome://extensions does.
    const first = await launch({ profile });
    const id = first.id;
    await first.ctx.close();
    const prefsFile = join(profile, 'Default', 'Preferences');
    const prefs = JSON.parse(await readFile(prefsFile, 'utf8')) as {
      extensions: { settings: Record<string, { incognito?: boolean }> };
    };
    prefs.extensions.settings[id]!.incognito = true;
    await writeFile(prefsFile, JSON.stringify(prefs));

    ext = await launch({ profile });
    const control = await ext.ctx.newPage();
    await control.goto(`chrome-extension://${ext.id}/library.html`);
    expect(await control.evaluate(() => chrome.extension.isAllowedIncognitoAccess())).toBe(true);
    expect(
      await send<{ ok: boolean }>(control, 'vault.create', { passphrase: 'incognito e2e' }),
    ).toEqual({ ok: true });

    // A normal tab: the browser records it (the scan's control).
    const open = await ext.ctx.newPage();
    await open.goto(`${origin}${OPEN_PATH}`);
    await open.close();

    const tabId = await control.evaluate(async (url) => {
      const w = await chrome.windows.create({ incognito: true, url });
      const id = w?.tabs?.[0]?.id;
      if (id === undefined) throw new Error('no private window');
      for (let i = 0; i < 200; i++) {
        const t = await chrome.tabs.get(id);
        if (t.status === 'complete' && t.url === url) return id;
        await new Promise((ok) => setTimeout(ok, 50));
      }
      throw new Error('the private tab did not load');
    }, `${origin}${SECRET_PATH}`);
    const r = await send<{ ok: boolean; item_id?: string; error?: unknown }>(
      control,
      'captureTab',
      {
        tabId,
        media: 'none',
        fullPage: 'wait',
      },
    );
    expect(r.ok, JSON.stringify(r)).toBe(true);
    // The page was fetched again without cookies and without the cache, and the record says so.
    const sw = await ext.worker();
    const alterations = await sw.evaluate(async (itemId) => {
      const h = (
        globalThis as unknown as {
          __protokol: {
            db: unknown;
            store: {
              getItem(db: unknown, id: string): Promise<{ alterations: string[] } | undefined>;
            };
          };
        }
      ).__protokol;
      return (await h.store.getItem(h.db, itemId))?.alterations ?? [];
    }, r.item_id!);
    expect(alterations.join('\n')).toMatch(
      /fetched again by the extension at \S+ without cookies \(the page was open in a private window.*cache mode "no-store"/,
    );
    await control.evaluate(async () => {
      for (const w of await chrome.windows.getAll())
        if (w.incognito) await chrome.windows.remove(w.id!);
    });
    await ext.ctx.close();
  });

  it('leaves neither its text nor its URL in any file of the profile; a normal tab is found', async () => {
    const hits = await scanAll(profile, {
      secret: SECRET,
      'secret start': 'Merganser-Private',
      'secret path': SECRET_PATH,
      'secret cookie': 'private-mer',
      open: OPEN,
      'open path': OPEN_PATH,
    });
    expect(hits.filter((h) => /: secret/.test(h))).toEqual([]);
    expect(hits.some((h) => h.startsWith('Default/History') && h.endsWith(': open path'))).toBe(
      true,
    );
  });
});
