/**
 * Schema migrations, applied in order at start-up. PRAGMA user_version holds
 * how many have run. Never edit a shipped migration: append a new one.
 *
 * Times are stored as integer milliseconds since the epoch (UTC).
 */
export const MIGRATIONS: readonly string[] = [
  // 1: tips, rotation, feedback, questions, recent visible posts.
  `
  CREATE TABLE tip_posts (
    platform    TEXT    NOT NULL,
    channel_id  TEXT    NOT NULL,
    slot_key    TEXT    NOT NULL,
    tip_id      INTEGER NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('claimed', 'done', 'failed')),
    claimed_at  INTEGER NOT NULL,
    finished_at INTEGER,
    message_id  TEXT,
    error       TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    -- The exactly-once rule: one row per channel per slot, whoever inserts first wins.
    PRIMARY KEY (platform, channel_id, slot_key)
  );
  CREATE INDEX tip_posts_by_channel_time ON tip_posts (platform, channel_id, claimed_at);
  CREATE INDEX tip_posts_by_status ON tip_posts (status, claimed_at);

  CREATE TABLE tip_rotation (
    platform   TEXT    NOT NULL,
    channel_id TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (platform, channel_id)
  );

  CREATE TABLE votes (
    platform  TEXT    NOT NULL,
    entry_id  TEXT    NOT NULL,
    user_hash TEXT    NOT NULL,
    vote      TEXT    NOT NULL CHECK (vote IN ('up', 'down')),
    at        INTEGER NOT NULL,
    -- One vote per user per entry; a new vote replaces the old one.
    PRIMARY KEY (platform, user_hash, entry_id)
  );
  CREATE INDEX votes_by_time ON votes (at);

  CREATE TABLE asks (
    id         INTEGER PRIMARY KEY,
    platform   TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('answered', 'suggest', 'declined')),
    entry_id   TEXT,
    -- Normalised question text, only for unanswered questions and only when STORE_QUESTIONS is on.
    normalized TEXT,
    at         INTEGER NOT NULL
  );
  CREATE INDEX asks_by_time ON asks (at);

  CREATE TABLE recent_posts (
    platform    TEXT    NOT NULL,
    channel_id  TEXT    NOT NULL,
    entry_id    TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    message_ref TEXT,
    PRIMARY KEY (platform, channel_id, entry_id)
  );
  CREATE INDEX recent_posts_by_time ON recent_posts (at);
  `,
  // 2: help channels (opt-in auto-answer per channel) and the auto-replies made there.
  `
  CREATE TABLE help_channels (
    platform   TEXT    NOT NULL,
    channel_id TEXT    NOT NULL,
    enabled_at INTEGER NOT NULL,
    -- One-way hash of who switched it on, as votes keep it; never the user id.
    enabled_by TEXT,
    PRIMARY KEY (platform, channel_id)
  );

  CREATE TABLE auto_replies (
    platform    TEXT    NOT NULL,
    channel_id  TEXT    NOT NULL,
    -- The thread (Slack: the top-level message ts; Discord: the message id).
    thread_id   TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    message_ref TEXT,
    -- At most one auto-reply per thread, whichever bot copy claims first.
    PRIMARY KEY (platform, channel_id, thread_id)
  );
  CREATE INDEX auto_replies_by_channel_time ON auto_replies (platform, channel_id, at);
  `,
  // 3: tip subscriptions set from chat, votes on tips, and one-time markers (the environment's tip channels imported).
  `
  CREATE TABLE tip_subscriptions (
    platform      TEXT    NOT NULL,
    channel_id    TEXT    NOT NULL,
    -- A cron expression read in time_zone: "M H * * 1-5" or "M H * * *" from chat, any cron from TIP_SCHEDULE.
    schedule      TEXT    NOT NULL,
    time_zone     TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    -- One-way hash of who last set it, as votes keep it; never the user id.
    updated_by    TEXT,
    -- Set when the bot was removed from the channel; cleared by tips here.
    paused_at     INTEGER,
    paused_reason TEXT,
    PRIMARY KEY (platform, channel_id)
  );

  CREATE TABLE tip_votes (
    platform  TEXT    NOT NULL,
    tip_id    INTEGER NOT NULL,
    user_hash TEXT    NOT NULL,
    vote      TEXT    NOT NULL CHECK (vote IN ('up', 'down')),
    at        INTEGER NOT NULL,
    -- One vote per user per tip; a new vote replaces the old one.
    PRIMARY KEY (platform, user_hash, tip_id)
  );
  CREATE INDEX tip_votes_by_time ON tip_votes (at);

  CREATE TABLE store_markers (
    name TEXT    NOT NULL PRIMARY KEY,
    at   INTEGER NOT NULL
  );
  `,
  // 4: platform deliveries taken (Slack event ids), so a retried event is answered by exactly one bot copy.
  `
  CREATE TABLE deliveries (
    platform    TEXT    NOT NULL,
    delivery_id TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (platform, delivery_id)
  );
  CREATE INDEX deliveries_by_time ON deliveries (at);
  `,
  // 5: the entry an auto-reply answered with, so a daily tip skips a topic just answered in a help channel's thread.
  `
  ALTER TABLE auto_replies ADD COLUMN entry_id TEXT;
  `,
];
