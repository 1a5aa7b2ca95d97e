/**
 * Test-only hook: `globalThis.__protokolSeed`, installed by entrypoints/library/main.tsx only
 * when the build mode is `e2e`. Playwright cannot import modules into an extension page, so
 * tests seed and tamper with the store through this object. Never part of a release build.
 */
import { saveCapture, type NewArtifact, type NewCapture } from '@/utils/store';
import type { ArtifactRole, Item, ItemKind } from '@/utils/schemas';
import { getDb } from './db';
import { DEMO_CAPTURES, type DemoCapture } from './e2e-demo-data';

/** An artifact as a test passes it through `page.evaluate` (JSON only: text or base64). */
export interface SeedArtifact {
  role: ArtifactRole;
  name: string;
  media_type: string;
  text?: string;
  base64?: string;
}

/** A capture as a test passes it: NewCapture with JSON-friendly artifacts. */
export type SeedCapture = Omit<NewCapture, 'artifacts'> & { artifacts: SeedArtifact[] };

/** The hook's shape (see the library report for usage). */
export interface ProtokolSeed {
  /** Saves captures through the real store (hashes, custody line 0); returns the new ids. */
  captures(inputs: SeedCapture[]): Promise<string[]>;
  /** Saves the realistic demo set (ru/uk/en articles, Telegram posts, a court page); returns ids. */
  demo(): Promise<string[]>;
  /** Saves `n` small synthetic items (for scrolling and search at scale); returns how many. */
  bulk(n: number): Promise<number>;
  /** Overwrites the first byte of an artifact's stored bytes (for integrity-failure tests). */
  tamper(itemId: string, role: ArtifactRole): Promise<void>;
}

declare global {
  var __protokolSeed: ProtokolSeed | undefined;
}

const enc = new TextEncoder();

function toArtifact(a: SeedArtifact): NewArtifact {
  const bytes =
    a.base64 !== undefined
      ? Uint8Array.from(atob(a.base64), (c) => c.charCodeAt(0))
      : enc.encode(a.text ?? '');
  return { role: a.role, name: a.name, media_type: a.media_type, bytes };
}

function utc(minutesAgo: number): string {
  return new Date(Date.now() - minutesAgo * 60_000).toISOString();
}

const ENVIRONMENT = {
  user_agent: navigator.userAgent,
  time_zone: 'Europe/Vilnius',
  viewport: { width: 1280, height: 800 },
  device_pixel_ratio: 1,
  extension_version: '0.1.0',
  browser: 'Chromium',
  clock: 'local system clock',
};

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
}

/** A snapshot-like page; the remote image shows that the viewer loads nothing from the network. */
function demoHtml(d: DemoCapture, site: string): string {
  return `<!doctype html><html lang="${d.lang}"><head><meta charset="utf-8"><title>${escapeHtml(d.title)}</title>
<style>body{font:16px/1.5 Georgia,serif;max-width:720px;margin:24px auto;color:#222}header{border-bottom:3px solid #8b1a1a;margin-bottom:16px;font:bold 14px sans-serif;text-transform:uppercase;color:#8b1a1a}</style></head>
<body><header>${escapeHtml(site)}</header><h1>${escapeHtml(d.title)}</h1><img src="https://tracker.example/pixel.gif" alt=""><p>${escapeHtml(d.text)}</p></body></html>`;
}

/** Draws a plausible full-page screenshot with the capture time stamped on it. */
async function demoScreenshot(
  d: DemoCapture,
  site: string,
  capturedAt: string,
): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(900, 620);
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, 900, 620);
  g.fillStyle = '#e9ecef';
  g.fillRect(0, 0, 900, 36);
  g.fillStyle = '#495057';
  g.font = '13px sans-serif';
  g.fillText(`${d.url}    ${capturedAt}`, 14, 23);
  g.fillStyle = '#8b1a1a';
  g.font = 'bold 15px sans-serif';
  g.fillText(site.toUpperCase(), 60, 80);
  g.fillStyle = '#222';
  g.font = 'bold 26px serif';
  const wrap = (text: string, y0: number, lh: number, width: number) => {
    let line = '';
    let y = y0;
    for (const w of text.split(' ')) {
      if (g.measureText(`${line}${w} `).width > width && line) {
        g.fillText(line, 60, y);
        line = '';
        y += lh;
      }
      line += `${w} `;
    }
    g.fillText(line, 60, y);
    return y + lh;
  };
  const y = wrap(d.title, 124, 34, 780);
  g.font = '17px serif';
  wrap(d.text, y + 16, 26, 780);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

async function saveDemo(d: DemoCapture): Promise<Item> {
  const name = d.source.site_name ?? d.source.channel_title;
  const site = typeof name === 'string' ? name : '';
  const capturedAt = utc(d.minutesAgo);
  const artifacts: NewArtifact[] = [
    {
      role: 'html_snapshot',
      name: 'page.html',
      media_type: 'text/html',
      bytes: enc.encode(demoHtml(d, site)),
    },
    {
      role: 'article_text',
      name: 'article.txt',
      media_type: 'text/plain; charset=utf-8',
      bytes: enc.encode(`${d.title}\n\n${d.text}\n`),
    },
    {
      role: 'screenshot_full',
      name: 'screenshot-full.png',
      media_type: 'image/png',
      bytes: await demoScreenshot(d, site, capturedAt),
    },
  ];
  return saveCapture(getDb(), {
    kind: d.kind,
    url: d.url,
    requested_url: d.requested_url,
    title: d.title,
    captured_at: capturedAt,
    source: d.source,
    environment: ENVIRONMENT,
    alterations: [
      'scripts removed from the HTML snapshot',
      'external images not embedded in the HTML snapshot',
    ],
    text: d.text,
    detection: d.detection ?? null,
    tags: d.tags,
    artifacts,
  });
}

const BULK_KINDS: ItemKind[] = ['article', 'telegram_post', 'page'];
const BULK_WORDS = [
  'облава',
  'военкомат',
  'повестка',
  'підвал',
  'затримання',
  'raid',
  'conscript',
  'ёлка',
  'суд',
];

async function bulk(n: number): Promise<number> {
  const db = getDb();
  const batch = 50;
  for (let start = 0; start < n; start += batch) {
    const jobs: Promise<Item>[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const word = BULK_WORDS[i % BULK_WORDS.length]!;
      const text = `Запись ${i}: ${word} — synthetic item ${i} for scale tests.`;
      jobs.push(
        saveCapture(db, {
          kind: BULK_KINDS[i % BULK_KINDS.length]!,
          url: `https://bulk.example/item/${i}`,
          title: `№${i} ${word}`,
          captured_at: utc(60 * 24 * 400 - i),
          source: { site_name: 'bulk.example' },
          environment: ENVIRONMENT,
          alterations: [],
          text,
          artifacts: [
            {
              role: 'article_text',
              name: 'article.txt',
              media_type: 'text/plain',
              bytes: enc.encode(text),
            },
          ],
        }),
      );
    }
    await Promise.all(jobs);
  }
  return n;
}

async function tamper(itemId: string, role: ArtifactRole): Promise<void> {
  const db = getDb();
  const item = await db.items.get(itemId);
  const ref = item?.artifacts.find((a) => a.role === role);
  if (!ref) throw new Error(`No ${role} artifact on item ${itemId}`);
  const chunk = await db.chunks.get([ref.artifact_id, 0]);
  if (!chunk) throw new Error('No stored bytes to tamper with');
  const data = chunk.data.slice();
  data[0] = (data[0] ?? 0) ^ 0xff;
  await db.chunks.put({ ...chunk, data });
}

export function installSeedHook(): void {
  globalThis.__protokolSeed = {
    captures: async (inputs) => {
      const ids: string[] = [];
      for (const c of inputs)
        ids.push((await saveCapture(getDb(), { ...c, artifacts: c.artifacts.map(toArtifact) })).id);
      return ids;
    },
    demo: async () => {
      const ids: string[] = [];
      for (const d of DEMO_CAPTURES) ids.push((await saveDemo(d)).id);
      return ids;
    },
    bulk,
    tamper,
  };
}
