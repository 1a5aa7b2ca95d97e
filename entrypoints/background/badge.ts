/** The toolbar badge, behind one small adapter (MV3 `action`; MV2 Firefox builds use `browserAction`). */
import { browser } from 'wxt/browser';

type BadgeState = 'busy' | 'saved' | 'problem' | 'flag' | null;

const LOOK: Record<Exclude<BadgeState, null>, { text: string; color: string }> = {
  busy: { text: '…', color: '#64748b' },
  saved: { text: '✓', color: '#15803d' },
  problem: { text: '!', color: '#b91c1c' },
  /** The page likely describes a rights violation (entrypoints/background/detection.ts). */
  flag: { text: '⚑', color: '#c2410c' },
};

/** True when the tab's badge shows `state` now (so a later state is not overwritten by mistake). */
export async function badgeShows(
  state: Exclude<BadgeState, null>,
  tabId: number,
): Promise<boolean> {
  const action =
    browser.action ??
    (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  return (await action.getBadgeText({ tabId })) === LOOK[state].text;
}

export async function setBadge(state: BadgeState, tabId?: number, title?: string): Promise<void> {
  const action =
    browser.action ??
    (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  const look = state ? LOOK[state] : { text: '', color: '#000000' };
  await action.setBadgeText({ text: look.text, tabId });
  await action.setBadgeBackgroundColor({ color: look.color, tabId });
  if (title !== undefined) await action.setTitle({ title, tabId });
}
