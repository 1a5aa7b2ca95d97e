/**
 * What a page capture adds after the page has been read: the MHTML (mhtml.ts) and the full-page
 * screenshot (fullpage.ts). Neither can fail the capture: when one cannot be made, the item
 * says it is missing and why. MHTML comes first, so it shows the page as the snapshot saw it,
 * before the full-page screenshot scrolls it.
 */
import type { NewArtifact } from '@/utils/store';
import { getSettings, type EvidenceDb } from '@/utils/store';
import { pickLocale, translate } from '@/utils/i18n';
import { saveMhtml } from './mhtml';
import { takeFullPage } from './fullpage';
import { describeError } from './jobs';

export interface PageExtrasInput {
  tabId: number;
  windowId: number;
  url: string;
  first: { dataUrl: string; at: string };
  timeZone: string;
}

export interface PageExtras {
  artifacts: NewArtifact[];
  alterations: string[];
  /** Fields for capture.json. */
  record: Record<string, unknown>;
  timings: Record<string, number>;
}

export async function capturePageExtras(db: EvidenceDb, i: PageExtrasInput): Promise<PageExtras> {
  const out: PageExtras = { artifacts: [], alterations: [], record: {}, timings: {} };
  const t0 = performance.now();
  const m = await saveMhtml(i.tabId);
  out.timings.mhtml = performance.now() - t0;
  if (m.ok) {
    out.artifacts.push({
      role: 'mhtml',
      name: 'page.mhtml',
      media_type: 'multipart/related',
      bytes: m.bytes,
    });
    out.alterations.push(
      'page.mhtml is the page as the browser saved it (MHTML, pageCapture) after the snapshot was taken',
    );
    out.record.mhtml = { attempts: m.attempts };
  } else {
    out.alterations.push(`MHTML is missing: ${m.reason}`);
    out.record.mhtml = { error: m.reason, attempts: m.attempts };
  }

  if (!(await getSettings(db)).fullpage_enabled) {
    out.alterations.push('no full-page screenshot: it is turned off in the settings');
    out.record.full_page = { off: true };
    return out;
  }
  const locale = pickLocale([navigator.language]);
  const t1 = performance.now();
  try {
    const shot = await takeFullPage({
      ...i,
      band: {
        capturedLabel: translate(locale, 'fpBandCaptured'),
        urlLabel: translate(locale, 'fpBandUrl'),
      },
      cutNote: (cap, height) => translate(locale, 'fpBandCut', { cap, height }),
    });
    out.artifacts.push(
      {
        role: 'screenshot_full',
        name: 'fullpage-raw.png',
        media_type: 'image/png',
        bytes: shot.raw,
      },
      {
        role: 'screenshot_full',
        name: 'fullpage.png',
        media_type: 'image/png',
        bytes: shot.banded,
      },
    );
    out.alterations.push(...shot.notes);
    out.record.full_page = { raw: 'fullpage-raw.png', banded: 'fullpage.png', ...shot.record };
    Object.assign(out.timings, shot.timings);
  } catch (e) {
    out.alterations.push(`the full-page screenshot is missing: ${describeError(e)}`);
    out.record.full_page = { error: describeError(e) };
  }
  out.timings.fullpage = performance.now() - t1;
  return out;
}
