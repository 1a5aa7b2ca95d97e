/** Helpers for the store's tests: a fresh database per test and capture inputs. */
import { EvidenceDb } from './db';
import type { NewCapture } from './save';
import { Dexie } from 'dexie';
import { utf8 } from '../hash';

/** A database with a name no other test uses. */
export function freshDb(): EvidenceDb {
  return new EvidenceDb(`test-${crypto.randomUUID()}`);
}

/** A small valid capture; override any field. */
export function sampleCapture(over: Partial<NewCapture> = {}): NewCapture {
  return {
    kind: 'page',
    url: 'https://example.org/news/1',
    title: 'Задержан активист',
    source: {},
    environment: { user_agent: 'test', time_zone: 'Europe/Vilnius' },
    alterations: [],
    text: 'Активиста задержали у военкомата.',
    artifacts: [
      {
        role: 'html_snapshot',
        name: 'page.html',
        media_type: 'text/html',
        bytes: utf8('<p>Активиста задержали</p>'),
      },
    ],
    ...over,
  };
}

export function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Every value of every table, keys included, as raw bytes: strings as UTF-8, bytes as is. */
export async function rawDump(name: string): Promise<Array<{ where: string; bytes: Uint8Array }>> {
  const raw = new Dexie(name); // no schema and no middleware: what is really stored
  await raw.open();
  const out: Array<{ where: string; bytes: Uint8Array }> = [];
  const walk = (where: string, v: unknown): void => {
    if (typeof v === 'string') out.push({ where, bytes: utf8(v) });
    else if (v instanceof Uint8Array) out.push({ where, bytes: v });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(`${where}[${i}]`, x));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(`${where}.${k}`, x);
  };
  for (const t of raw.tables) {
    await t.toCollection().each((value, cursor) => {
      walk(`${t.name}:${JSON.stringify(cursor.primaryKey)}`, value);
    });
  }
  raw.close();
  return out;
}
