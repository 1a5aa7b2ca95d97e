import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../schemas';
import { utf8 } from '../hash';
import type { EvidenceDb } from './db';
import {
  countItems,
  createCase,
  earlierObservations,
  queryItems,
  saveCapture,
  setNotes,
  setTags,
  type ItemQuery,
} from './items';
import { freshDb, sampleCapture } from './test-support';

let db: EvidenceDb;
let ru: Item, uk: Item, en: Item, tg: Item;

beforeEach(async () => {
  db = freshDb();
  ru = await saveCapture(
    db,
    sampleCapture({
      title: 'ЗАДЕРЖАН активист',
      text: 'Задержание у военкомата, ёлка',
      url: 'https://meduza.io/news/1',
      captured_at: '2026-01-01T10:00:00.000Z',
    }),
  );
  uk = await saveCapture(
    db,
    sampleCapture({
      title: 'Затримання',
      text: "Ґрати, їжак, Євген, м'ясо",
      url: 'https://pravda.com.ua/a',
      captured_at: '2026-01-02T10:00:00.000Z',
    }),
  );
  en = await saveCapture(
    db,
    sampleCapture({
      kind: 'article',
      title: 'Detention of a Journalist',
      text: 'He was detained.',
      url: 'https://example.com/x',
      captured_at: '2026-01-03T10:00:00.000Z',
    }),
  );
  tg = await saveCapture(
    db,
    sampleCapture({
      kind: 'telegram_post',
      title: 'Post',
      text: 'призыв',
      url: 'https://t.me/chan/5',
      captured_at: '2026-01-04T10:00:00.000Z',
    }),
  );
});
afterEach(async () => {
  await db.delete();
});

const ids = async (q: ItemQuery) => (await queryItems(db, q)).map((i) => i.id);

describe('queryItems', () => {
  it('lists everything newest first, with paging', async () => {
    expect(await ids({})).toEqual([tg.id, en.id, uk.id, ru.id]);
    expect(await ids({ offset: 1, limit: 2 })).toEqual([en.id, uk.id]);
    expect(await countItems(db, { limit: 1 })).toBe(4);
  });

  it('finds Russian words by prefix, folding case and ё/е', async () => {
    expect(await ids({ text: 'задерж' })).toEqual([ru.id]);
    expect(await ids({ text: 'ЗАДЕРЖАНИЕ' })).toEqual([ru.id]);
    expect(await ids({ text: 'ЕЛКА' })).toEqual([ru.id]);
    expect(await ids({ text: 'ёлк задерж' })).toEqual([ru.id]);
    expect(await ids({ text: 'ёлк journalist' })).toEqual([]);
  });

  it('finds Ukrainian words with і, ї, є, ґ and apostrophes', async () => {
    for (const q of ['ґрати', 'Їжак', 'євг', "м'ясо", 'мясо', 'затрим'])
      expect(await ids({ text: q }), q).toEqual([uk.id]);
  });

  it('finds English words and hosts', async () => {
    expect(await ids({ text: 'detain' })).toEqual([en.id]);
    expect(await ids({ text: 'journ DETENTION' })).toEqual([en.id]);
    expect(await ids({ text: 'meduza' })).toEqual([ru.id]);
    expect(await countItems(db, { text: 'de' })).toBe(1);
  });

  it('filters by kind, tag, case, time and notes', async () => {
    const c = await createCase(db, { title: 'C' });
    await setTags(db, en.id, ['press']);
    await setTags(db, ru.id, ['press']);
    await setNotes(db, uk.id, 'свидетель Петров');
    const { assignCase } = await import('./items');
    await assignCase(db, en.id, c.id);
    expect(await ids({ kind: 'telegram_post' })).toEqual([tg.id]);
    expect(await ids({ tag: 'press' })).toEqual([en.id, ru.id]);
    expect(await ids({ caseId: c.id })).toEqual([en.id]);
    expect(await ids({ caseId: null })).toEqual([tg.id, uk.id, ru.id]);
    expect(await ids({ from: '2026-01-02T10:00:00.000Z', to: '2026-01-03T10:00:00.000Z' })).toEqual(
      [en.id, uk.id],
    );
    expect(await ids({ text: 'петр' })).toEqual([uk.id]);
    expect(await ids({ tag: 'press', text: 'задерж' })).toEqual([ru.id]);
    expect(await countItems(db, { tag: 'press', caseId: null })).toBe(1);
  });
});

describe('earlierObservations', () => {
  it('lists other captures of the URL, newest first, marking identical content', async () => {
    const url = 'https://t.me/chan/5';
    const same = await saveCapture(
      db,
      sampleCapture({
        kind: 'telegram_post',
        title: 'Post',
        text: ' призыв ',
        url,
        captured_at: '2026-01-05T10:00:00.000Z',
        artifacts: [
          { role: 'html_snapshot', name: 'p.html', media_type: 'text/html', bytes: utf8('x') },
        ],
      }),
    );
    const changed = await saveCapture(
      db,
      sampleCapture({
        kind: 'telegram_post',
        title: 'Post',
        text: 'призыв (edited)',
        url,
        captured_at: '2026-01-06T10:00:00.000Z',
      }),
    );
    const obs = await earlierObservations(db, tg);
    expect(obs.map((o) => [o.item.id, o.identical])).toEqual([
      [changed.id, false],
      [same.id, true],
    ]);
    expect(await earlierObservations(db, ru)).toEqual([]);
  });
});
