/**
 * The page's side of the full-page screenshot, injected with `scripting.executeScript({ func })`
 * into the extension's isolated world: the page's own scripts cannot see or call it.
 *
 * It is one self-contained function (executeScript sends its source, so it may use nothing
 * from outside itself), driven step by step by the background: `start` records the scroll
 * position and finds fixed and sticky elements; each `frame` scrolls to a position, hides the
 * fixed and sticky elements already shown in an earlier frame (CSS `visibility`, which moves
 * nothing), and reports where the page really is (scroll snapping is turned off meanwhile); `restore` puts back every style property it
 * touched, exactly, and the scroll position. The background calls `restore` in a `finally`;
 * if the background dies between steps (a stopped worker), a watchdog armed at every step
 * restores the page by itself, so the page is never left modified.
 */

export type FullPageOp =
  | { op: 'start'; watchdogMs: number }
  | { op: 'frame'; y: number }
  | { op: 'measure' }
  | { op: 'restore' };

/** Where the page is and how big it is, in CSS px. */
export interface PageGeometry {
  ok: true;
  scrollX: number;
  scrollY: number;
  /** The vertical scroll position when the step began (to notice a page that scrolled itself). */
  before: number;
  pageHeight: number;
  pageWidth: number;
  /** The visible area without scrollbars. */
  viewWidth: number;
  viewHeight: number;
  innerWidth: number;
  innerHeight: number;
  /** The document does not scroll, but an element inside it does (an app-like layout). */
  innerScroller: boolean;
  /** Fixed and sticky elements found, and how many are hidden now. */
  fixedOrSticky: number;
  hidden: number;
}

export type PageOpResult = PageGeometry | { ok: false; error: string };

export async function fullPageOp(cmd: FullPageOp): Promise<PageOpResult> {
  /** One inline style property we set, and what to put back. */
  interface Override {
    el: HTMLElement | SVGElement;
    prop: string;
    value: string;
    priority: string;
    /** The style attribute before we set the property (null: there was none) ... */
    attr: string | null;
    /** ... and right after: if the page did not change it since, `attr` goes back verbatim. */
    ours: string | null;
  }
  interface Session {
    x: number;
    y: number;
    candidates: Set<Element>;
    seen: Set<Element>;
    hidden: Set<Element>;
    overrides: Override[];
    elementCount: number;
    watchdog: number | undefined;
    watchdogMs: number;
  }
  const KEY = '__protokolFullPage';
  const g = globalThis as unknown as Record<string, Session | undefined>;
  const se = document.scrollingElement ?? document.documentElement;
  const scroll = (left: number, top: number) =>
    window.scrollTo({ left, top, behavior: 'instant' as ScrollBehavior });

  const restore = (s: Session) => {
    clearTimeout(s.watchdog);
    // Newest first, so two overrides of one element unwind in order.
    for (const o of s.overrides.reverse()) {
      const { el } = o;
      if (el.getAttribute('style') === o.ours) {
        if (o.attr === null) el.removeAttribute('style');
        else el.setAttribute('style', o.attr);
        continue;
      }
      // The page changed the element's style meanwhile: keep its change, undo only ours.
      el.style.removeProperty(o.prop);
      if (o.value) el.style.setProperty(o.prop, o.value, o.priority);
      if (o.attr === null && el.getAttribute('style') === '') el.removeAttribute('style');
    }
    s.overrides = [];
    s.hidden.clear();
    scroll(s.x, s.y);
    delete g[KEY];
  };
  const arm = (s: Session) => {
    clearTimeout(s.watchdog);
    s.watchdog = setTimeout(() => restore(s), s.watchdogMs) as unknown as number;
  };
  const scan = (s: Session) => {
    const all = document.getElementsByTagName('*');
    if (all.length === s.elementCount) return;
    s.elementCount = all.length;
    for (const el of Array.from(all)) {
      const pos = getComputedStyle(el).position;
      if (pos === 'fixed' || pos === 'sticky') s.candidates.add(el);
    }
  };
  const visibleNow = (el: Element) => {
    const r = el.getBoundingClientRect();
    return (
      r.width > 0 &&
      r.height > 0 &&
      r.bottom > 0 &&
      r.right > 0 &&
      r.top < window.innerHeight &&
      r.left < window.innerWidth &&
      getComputedStyle(el).visibility !== 'hidden'
    );
  };
  const override = (s: Session, el: Element, prop: string, value: string) => {
    if (!(el instanceof HTMLElement || el instanceof SVGElement)) return;
    const o: Override = {
      el,
      prop,
      value: el.style.getPropertyValue(prop),
      priority: el.style.getPropertyPriority(prop),
      attr: el.getAttribute('style'),
      ours: null,
    };
    el.style.setProperty(prop, value, 'important');
    o.ours = el.getAttribute('style');
    s.overrides.push(o);
  };
  const hide = (s: Session, el: Element) => {
    if (s.hidden.has(el)) return;
    s.hidden.add(el);
    override(s, el, 'visibility', 'hidden');
  };
  const innerScroller = (pageHeight: number, viewHeight: number) => {
    if (pageHeight > viewHeight + 1) return false;
    for (const el of Array.from(document.body?.getElementsByTagName('*') ?? [])) {
      if (el.scrollHeight <= el.clientHeight + 1 || el.clientHeight < viewHeight / 2) continue;
      const o = getComputedStyle(el).overflowY;
      if (o === 'auto' || o === 'scroll' || o === 'overlay') return true;
    }
    return false;
  };
  const geometry = (s: Session, before: number, withInner = false): PageGeometry => {
    const pageHeight = Math.max(se.scrollHeight, document.body?.scrollHeight ?? 0);
    return {
      ok: true,
      scrollX: window.scrollX,
      scrollY: window.scrollY,
      before,
      pageHeight,
      pageWidth: se.scrollWidth,
      viewWidth: se.clientWidth || window.innerWidth,
      viewHeight: se.clientHeight || window.innerHeight,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
      innerScroller: withInner && innerScroller(pageHeight, se.clientHeight || window.innerHeight),
      fixedOrSticky: s.candidates.size,
      hidden: s.hidden.size,
    };
  };
  // Two animation frames: the scroll is laid out and painted before the background takes the
  // frame. A timer bounds the wait, in case the page starves animation frames.
  const painted = () =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 200);
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          clearTimeout(t);
          resolve();
        }),
      );
    });

  try {
    const prev = g[KEY];
    if (cmd.op === 'start') {
      if (prev) restore(prev); // a session a failed capture left behind
      const s: Session = {
        x: window.scrollX,
        y: window.scrollY,
        candidates: new Set(),
        seen: new Set(),
        hidden: new Set(),
        overrides: [],
        elementCount: -1,
        watchdog: undefined,
        watchdogMs: cmd.watchdogMs,
      };
      g[KEY] = s;
      arm(s);
      // Scroll snapping would move each step to the nearest snap point, past rows in between.
      for (const el of [document.documentElement, document.body])
        if (el && getComputedStyle(el).scrollSnapType !== 'none')
          override(s, el, 'scroll-snap-type', 'none');
      scan(s);
      return geometry(s, s.y, true);
    }
    if (!prev) return { ok: false, error: 'no full-page session in this page (it was reloaded?)' };
    const s = prev;
    if (cmd.op === 'restore') {
      const before = window.scrollY;
      const out = geometry(s, before);
      restore(s);
      return { ...out, scrollX: window.scrollX, scrollY: window.scrollY, hidden: 0 };
    }
    arm(s);
    const before = window.scrollY;
    if (cmd.op === 'measure') return geometry(s, before);
    scan(s);
    for (const el of s.seen) hide(s, el);
    scroll(0, cmd.y);
    await painted();
    // What is on screen now appears in this frame: it is hidden in every later one.
    for (const el of s.candidates) if (!s.hidden.has(el) && visibleNow(el)) s.seen.add(el);
    return geometry(s, before);
  } catch (e) {
    const s = g[KEY];
    if (s) restore(s);
    return { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}
