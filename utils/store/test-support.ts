/** Helpers for the store's tests: a fresh database per test and capture inputs. */
import { EvidenceDb } from './db';
import type { NewCapture } from './save';
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
