/**
 * The PostgreSQL schema, in the same shape as the SQLite one (src/store/migrations.ts):
 * the same tables, keys and meanings, so `vmvc store copy` maps rows one to one.
 * `vmvc_schema.version` holds how many have run. Never edit a shipped migration: append.
 *
 * Times are BIGINT milliseconds since the epoch (UTC), as in SQLite.
 */
export const PG_MIGRATIONS: readonly string[] = [
  // 1: tips, rotation, votes, asks, recent visible posts, help channels, auto-replies.
  `
  CREATE TABLE tip_posts (
    platform    TEXT    NOT NULL,
    channel_id  TEXT    NOT NULL,
    slot_key    TEXT    NOT NULL,
    tip_id      INTEGER NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('claimed', 'done', 'failed')),
    claimed_at  BIGINT  NOT NULL,
    finished_at BIGINT,
    message_id  TEXT,
    error       TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    -- The order claims were made in, for "the channel's last post" when two share a millisecond.
    seq         BIGSERIAL,
    -- The exactly-once rule: one row per channel per slot, whichever copy inserts first wins.
    PRIMARY KEY (platform, channel_id, slot_key)
  );
  CREATE INDEX tip_posts_by_channel_time ON tip_posts (platform, channel_id, claimed_at);
  CREATE INDEX tip_posts_by_status ON tip_posts (status, claimed_at);

  CREATE TABLE tip_rotation (
    platform   TEXT   NOT NULL,
    channel_id TEXT   NOT NULL,
    state      TEXT   NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (platform, channel_id)
  );

  CREATE TABLE votes (
    platform  TEXT   NOT NULL,
    entry_id  TEXT   NOT NULL,
    user_hash TEXT   NOT NULL,
    vote      TEXT   NOT NULL CHECK (vote IN ('up', 'down')),
    at        BIGINT NOT NULL,
    PRIMARY KEY (platform, user_hash, entry_id)
  );
  CREATE INDEX votes_by_time ON votes (at);

  CREATE TABLE asks (
    id         BIGSERIAL PRIMARY KEY,
    platform   TEXT   NOT NULL,
    status     TEXT   NOT NULL CHECK (status IN ('answered', 'suggest', 'declined')),
    entry_id   TEXT,
    normalized TEXT,
    at         BIGINT NOT NULL,
    -- Set only by \`vmvc store copy\` (the source row's identity), so copying twice adds nothing.
    origin     TEXT UNIQUE
  );
  CREATE INDEX asks_by_time ON asks (at);

  CREATE TABLE recent_posts (
    platform    TEXT   NOT NULL,
    channel_id  TEXT   NOT NULL,
    entry_id    TEXT   NOT NULL,
    at          BIGINT NOT NULL,
    message_ref TEXT,
    PRIMARY KEY (platform, channel_id, entry_id)
  );
  CREATE INDEX recent_posts_by_time ON recent_posts (at);

  CREATE TABLE help_channels (
    platform   TEXT   NOT NULL,
    channel_id TEXT   NOT NULL,
    enabled_at BIGINT NOT NULL,
    enabled_by TEXT,
    PRIMARY KEY (platform, channel_id)
  );

  CREATE TABLE auto_replies (
    platform    TEXT   NOT NULL,
    channel_id  TEXT   NOT NULL,
    thread_id   TEXT   NOT NULL,
    at          BIGINT NOT NULL,
    message_ref TEXT,
    PRIMARY KEY (platform, channel_id, thread_id)
  );
  CREATE INDEX auto_replies_by_channel_time ON auto_replies (platform, channel_id, at);
  `,
  // 2: tip subscriptions, tip votes, one-time markers (as SQLite's migration 3).
  `
  CREATE TABLE tip_subscriptions (
    platform      TEXT   NOT NULL,
    channel_id    TEXT   NOT NULL,
    schedule      TEXT   NOT NULL,
    time_zone     TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    updated_by    TEXT,
    paused_at     BIGINT,
    paused_reason TEXT,
    PRIMARY KEY (platform, channel_id)
  );

  CREATE TABLE tip_votes (
    platform  TEXT    NOT NULL,
    tip_id    INTEGER NOT NULL,
    user_hash TEXT    NOT NULL,
    vote      TEXT    NOT NULL CHECK (vote IN ('up', 'down')),
    at        BIGINT  NOT NULL,
    PRIMARY KEY (platform, user_hash, tip_id)
  );
  CREATE INDEX tip_votes_by_time ON tip_votes (at);

  CREATE TABLE store_markers (
    name TEXT   NOT NULL PRIMARY KEY,
    at   BIGINT NOT NULL
  );
  `,
  // 3: platform deliveries taken (as SQLite's migration 4).
  `
  CREATE TABLE deliveries (
    platform    TEXT   NOT NULL,
    delivery_id TEXT   NOT NULL,
    at          BIGINT NOT NULL,
    PRIMARY KEY (platform, delivery_id)
  );
  CREATE INDEX deliveries_by_time ON deliveries (at);
  `,
  // 4: the entry an auto-reply answered with (as SQLite's migration 5).
  `
  ALTER TABLE auto_replies ADD COLUMN entry_id TEXT;
  `,
];
