import type { Platform } from './usage.js';

/**
 * Channel etiquette: the same entry posted visibly in the same channel within
 * the cooldown is not posted again; the asker gets it privately with a pointer
 * to the recent post. Adapters ask before every visible answer post.
 */
/**
 * How long the stores keep a visible post's row after its cooldown: a daily
 * tip skips a topic the bot answered in the channel within the last 24 hours,
 * and reads it from these rows (TipStore.recentlyPostedEntries).
 */
export const RECENT_POSTS_KEEP_MS = 24 * 60 * 60 * 1000;

export interface RecentPost {
  at: Date;
  /** Platform message id or permalink of the earlier post, when known. */
  messageRef?: string;
}

export interface RepeatGuard {
  /**
   * Claims the right to post `entryId` in `channelId` now. Returns undefined when
   * the post may go ahead (and remembers it), or the recent post that blocks it.
   */
  claim(platform: Platform, channelId: string, entryId: string, now: Date): Promise<RecentPost | undefined>;
  /** Attaches the sent message's id to the claim, for the pointer. */
  confirm(platform: Platform, channelId: string, entryId: string, messageRef: string): Promise<void>;
  /** Drops a claim whose post failed, so the next asker is not pointed at a message that does not exist. */
  release(platform: Platform, channelId: string, entryId: string): Promise<void>;
}

/** In-process guard; the store provides one that two bot copies share. */
export class MemoryRepeatGuard implements RepeatGuard {
  private readonly posts = new Map<string, RecentPost>();
  constructor(private readonly cooldownSeconds: number) {}

  async claim(platform: Platform, channelId: string, entryId: string, now: Date): Promise<RecentPost | undefined> {
    const key = `${platform}:${channelId}:${entryId}`;
    const previous = this.posts.get(key);
    if (previous && now.getTime() - previous.at.getTime() < this.cooldownSeconds * 1000) return previous;
    this.posts.set(key, { at: now });
    if (this.posts.size > 10_000) this.prune(now);
    return undefined;
  }

  async confirm(platform: Platform, channelId: string, entryId: string, messageRef: string): Promise<void> {
    const post = this.posts.get(`${platform}:${channelId}:${entryId}`);
    if (post) post.messageRef = messageRef;
  }

  async release(platform: Platform, channelId: string, entryId: string): Promise<void> {
    this.posts.delete(`${platform}:${channelId}:${entryId}`);
  }

  private prune(now: Date): void {
    for (const [key, post] of this.posts) {
      if (now.getTime() - post.at.getTime() >= this.cooldownSeconds * 1000) this.posts.delete(key);
    }
  }
}
