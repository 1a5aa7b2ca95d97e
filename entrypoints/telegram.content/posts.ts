/** The post elements of a recognised page, read with the pure Telegram core. */
import type { TelegramGatherRequest, TelegramLocated } from '@/utils/protocol-telegram';
import {
  createParseContext,
  parsePostElement,
  POST_SELECTOR,
  type ParseContext,
  type TelegramPageMatch,
  type TelegramPost,
} from '@/utils/telegram';

export class PostIndex {
  constructor(readonly match: TelegramPageMatch) {}

  context(): ParseContext {
    return createParseContext(document, {
      url: location.href,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  }

  /** Post elements in page order; a quoted message inside a post is part of that post. */
  elements(): Element[] {
    const selector = POST_SELECTOR[this.match.adapter];
    // closest() on the parent walks up once per element: linear, where comparing every pair
    // would be quadratic on a web client holding hundreds of messages.
    return Array.from(document.querySelectorAll(selector)).filter(
      (el) => !el.parentElement?.closest(selector),
    );
  }

  parse(el: Element, ctx = this.context()): TelegramPost | null {
    return parsePostElement(el, this.match.adapter, ctx);
  }

  /** The posts a gather request asks for, and how many post elements could not be read. */
  gather(req: TelegramGatherRequest): { posts: TelegramPost[]; unreadable: number } {
    const ctx = this.context();
    const posts: TelegramPost[] = [];
    let unreadable = 0;
    for (const el of this.elements()) {
      if (req.mode === 'in_view' && !inView(el.getBoundingClientRect())) continue;
      const post = this.parse(el, ctx);
      if (!post) {
        unreadable++;
        continue;
      }
      this.seen.set(`${post.channel}/${post.post_id}`, new WeakRef(el));
      if (req.mode === 'range' && !inRange(post.post_id, req.from, req.to)) continue;
      posts.push(post);
    }
    return { posts, unreadable };
  }

  /** Elements of posts read before, by `channel/id`, so finding a post again is not a full parse. */
  private readonly seen = new Map<string, WeakRef<Element>>();

  find(channel: string, postId: number): Element | null {
    const ctx = this.context();
    const key = `${channel}/${postId}`;
    const known = this.seen.get(key)?.deref();
    if (known?.isConnected) {
      const p = this.parse(known, ctx);
      if (p && p.post_id === postId && p.channel === channel) return known;
    }
    for (const el of this.elements()) {
      const p = this.parse(el, ctx);
      if (p) this.seen.set(`${p.channel}/${p.post_id}`, new WeakRef(el));
      if (p && p.post_id === postId && p.channel === channel) return el;
    }
    return null;
  }
}

export function inView(r: DOMRect): boolean {
  return r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
}

function inRange(id: number, from?: number, to?: number): boolean {
  const lo = Math.min(from ?? 1, to ?? Number.MAX_SAFE_INTEGER);
  const hi = Math.max(from ?? 1, to ?? Number.MAX_SAFE_INTEGER);
  return id >= lo && id <= hi;
}

export function measure(el: Element, scrolled = false): TelegramLocated {
  const r = el.getBoundingClientRect();
  return {
    rect: { x: r.x, y: r.y, width: r.width, height: r.height },
    viewport: { width: innerWidth, height: innerHeight },
    device_pixel_ratio: devicePixelRatio,
    scrolled,
  };
}

export function fullyVisible(r: DOMRect): boolean {
  return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
}

/** Two frames (or a short timeout in a tab that paints no frames): the page shows the last change. */
export function painted(): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(t);
        resolve();
      }),
    );
  });
}
