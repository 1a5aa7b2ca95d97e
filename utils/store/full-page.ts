/**
 * The second phase of a page capture in the store. The item is saved first with
 * `full_page: { status: 'pending' }` (the full-page screenshot needs seconds: Chromium allows two
 * window screenshots a second); then either both images are added with one `artifact_added`
 * event, or a `full_page_missing` event says why there are none. Either way the item's
 * alterations say the same as its log.
 */
import { utcNow } from '../custody';
import type { Item } from '../schemas';
import type { EvidenceDb } from './db';
import { addArtifacts } from './add-artifacts';
import { mutateWithCustody } from './custody-store';

export const FULL_PAGE_RAW = 'fullpage-raw.png';
export const FULL_PAGE_BANDED = 'fullpage.png';

export interface FullPageImages {
  /** The stitched page (PNG). */
  raw: Uint8Array;
  /** The same with the band giving time and URL above it (PNG). */
  banded: Uint8Array;
  /** How the images were made, in plain words: they join the item's alterations. */
  notes: string[];
  /** What the event records about them (size, frames, cap, times). */
  record: Record<string, unknown> & { frames: number };
}

/**
 * Adds the two `screenshot_full` images to a pending item with an `artifact_added` event whose
 * data has both hashes, the record and the notes. An item no longer pending (marked missing
 * meanwhile) is returned unchanged.
 */
export async function addFullPage(
  db: EvidenceDb,
  itemId: string,
  shot: FullPageImages,
): Promise<Item> {
  return addArtifacts(
    db,
    itemId,
    'artifact_added',
    [
      { role: 'screenshot_full', name: FULL_PAGE_RAW, media_type: 'image/png', bytes: shot.raw },
      {
        role: 'screenshot_full',
        name: FULL_PAGE_BANDED,
        media_type: 'image/png',
        bytes: shot.banded,
      },
    ],
    {
      full_page: { raw: FULL_PAGE_RAW, banded: FULL_PAGE_BANDED, ...shot.record },
      notes: shot.notes,
    },
    (item) =>
      item.full_page?.status !== 'pending'
        ? null
        : {
            full_page: { status: 'added', frames: shot.record.frames, at: utcNow() },
            alterations: [...item.alterations, ...shot.notes],
          },
  );
}

/**
 * Records why a pending item has no full-page screenshot: a `full_page_missing` event
 * {reason}, the state and a line in the alterations. Nothing happens to an item that is not
 * pending (or is gone: it may have been deleted meanwhile). Returns whether it was recorded.
 */
export async function markFullPageMissing(
  db: EvidenceDb,
  itemId: string,
  reason: string,
): Promise<boolean> {
  if (!(await db.items.get(itemId))) return false;
  const rec = await mutateWithCustody(db, itemId, (item) =>
    item.full_page?.status !== 'pending'
      ? undefined
      : {
          action: 'full_page_missing',
          data: { reason },
          patch: {
            full_page: { status: 'missing', reason, at: utcNow() },
            alterations: [...item.alterations, `the full-page screenshot is missing: ${reason}`],
          },
        },
  );
  return rec !== undefined;
}
