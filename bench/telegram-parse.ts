/**
 * Telegram parse benchmark: time per post and per page on the real saved pages in
 * ../shared/data/telegram (read in place) and on the web-client fixtures, under happy-dom in Node.
 * Run: npx tsx bench/telegram-parse.ts [repeats]   (npm run bench:telegram)
 *
 * "per post" times parsePostElement on one post element; "per page" times parsePosts on the whole
 * document (detection + every post); "DOM" is happy-dom building the document, shown apart because
 * in the extension the browser has already built it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window as HappyWindow } from 'happy-dom';
import {
  detectTelegramPage,
  parsePostElement,
  parsePosts,
  POST_SELECTOR,
} from '../utils/telegram/index';
import { median, p95, table } from './stats';

const REPEATS = Number(process.argv[2] ?? 50);
const SHARED = resolve(import.meta.dirname, '../../shared/data/telegram');
const FIXTURES = resolve(import.meta.dirname, '../utils/telegram/fixtures');

const PAGES: Array<{ label: string; file: string; url: string }> = [
  ...readdirSync(SHARED)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => ({
      label: f,
      file: join(SHARED, f),
      url: f.includes('embed') ? 'https://t.me/K1inUSA/3?embed=1' : `file:///saved/${f}`,
    })),
  {
    label: 'fixture webk-channel.html',
    file: join(FIXTURES, 'webk-channel.html'),
    url: 'https://web.telegram.org/k/#@raid_monitor_demo',
  },
  {
    label: 'fixture weba-channel.html',
    file: join(FIXTURES, 'weba-channel.html'),
    url: 'https://web.telegram.org/a/#-1001987654321',
  },
];

const us = (ms: number) => (ms * 1000).toFixed(0);
const ms2 = (ms: number) => ms.toFixed(2);

async function main(): Promise<void> {
  const rows: Array<Record<string, string | number>> = [];
  const allPost: number[] = [];
  for (const { label, file, url } of PAGES) {
    const html = readFileSync(file, 'utf8');
    const domTimes: number[] = [];
    const pageTimes: number[] = [];
    const postTimes: number[] = [];
    let posts = 0;
    let adapter = '-';
    for (let i = 0; i < REPEATS; i++) {
      const t0 = performance.now();
      const win = new HappyWindow({ url });
      win.document.write(html);
      const doc = (win as unknown as Window).document;
      domTimes.push(performance.now() - t0);

      const match = detectTelegramPage(doc, url);
      if (!match) throw new Error(`${label}: not recognised`);
      adapter = match.adapter;
      const t1 = performance.now();
      posts = parsePosts(doc, match.adapter, { url, timeZone: 'Europe/Moscow' }).length;
      pageTimes.push(performance.now() - t1);

      const ctx = {
        url,
        channel: match.channel,
        channelTitle: match.channel_title,
        timeZone: 'Europe/Moscow',
      };
      for (const el of Array.from(doc.querySelectorAll(POST_SELECTOR[match.adapter]))) {
        const t2 = performance.now();
        parsePostElement(el, match.adapter, ctx);
        postTimes.push(performance.now() - t2);
      }
      await win.happyDOM.close();
    }
    allPost.push(...postTimes);
    rows.push({
      page: label,
      adapter,
      posts,
      'post median µs': us(median(postTimes)),
      'post p95 µs': us(p95(postTimes)),
      'page median ms': ms2(median(pageTimes)),
      'page p95 ms': ms2(p95(pageTimes)),
      'DOM build median ms': ms2(median(domTimes)),
    });
  }
  rows.push({
    page: 'all posts',
    adapter: '',
    posts: allPost.length / REPEATS,
    'post median µs': us(median(allPost)),
    'post p95 µs': us(p95(allPost)),
    'page median ms': '',
    'page p95 ms': '',
    'DOM build median ms': '',
  });
  console.log(
    `Telegram parse under happy-dom, Node ${process.version}, ${REPEATS} repeats per page\n`,
  );
  console.log(table(rows));
}

await main();
