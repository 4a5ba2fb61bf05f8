import { createHash } from 'node:crypto';
import { indexedTagValue } from '@lifeline/nostr';
import type { Sql, TransactionSql } from 'postgres';
import { FEED_SCHEMA } from './feed.js';

/**
 * Tables, indexes and the write functions. Ids and pubkeys are 32-byte `bytea` (half the size of
 * hex; bytea compares bytewise, so `ORDER BY id` is NIP-01's tie-break). `seq` is insertion order.
 * Every index that serves a limited query ends in (created_at DESC, id), the order results are
 * returned in, so a limited scan stops after `limit` rows instead of sorting every match, and
 * includes `expiration`, so the NIP-40 check needs no row read (index-only scans).
 */
const TABLES = `
CREATE TABLE IF NOT EXISTS events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id bytea NOT NULL UNIQUE,
  pubkey bytea NOT NULL,
  created_at bigint NOT NULL,
  kind integer NOT NULL,
  d text,            -- replacement key part: '' replaceable, d tag addressable, NULL otherwise
  expiration bigint, -- NIP-40
  json text NOT NULL,
  words tsvector     -- NIP-50: the words of nostr/nip50.ts, stored as lexemes verbatim
);
CREATE INDEX IF NOT EXISTS events_time ON events (created_at DESC, id) INCLUDE (expiration);
CREATE INDEX IF NOT EXISTS events_pubkey_time ON events (pubkey, created_at DESC, id) INCLUDE (expiration);
CREATE INDEX IF NOT EXISTS events_kind_time ON events (kind, created_at DESC, id) INCLUDE (expiration);
CREATE INDEX IF NOT EXISTS events_pubkey_kind_time ON events (pubkey, kind, created_at DESC, id) INCLUDE (expiration);
CREATE UNIQUE INDEX IF NOT EXISTS events_address ON events (kind, pubkey, d) WHERE d IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_expiration ON events (expiration) WHERE expiration IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_words ON events USING gin (words) WHERE words IS NOT NULL;

-- One row per single-letter tag (first value only, NIP-01), created_at copied so the index walks
-- a tag's events newest first without touching events. Rows go with their event (CASCADE).
CREATE TABLE IF NOT EXISTS tags (
  name text NOT NULL,
  value text NOT NULL,
  created_at bigint NOT NULL,
  event bigint NOT NULL REFERENCES events (seq) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS tags_value_time ON tags (name, value, created_at DESC) INCLUDE (event);
CREATE INDEX IF NOT EXISTS tags_event ON tags (event);

-- Tombstones: NIP-09 ids (bound to the requesting author), addresses, NIP-62 vanished pubkeys.
CREATE TABLE IF NOT EXISTS deleted_ids (id bytea NOT NULL, pubkey bytea NOT NULL, PRIMARY KEY (id, pubkey));
CREATE TABLE IF NOT EXISTS deleted_addresses (
  kind integer NOT NULL, pubkey bytea NOT NULL, d text NOT NULL, until bigint NOT NULL,
  PRIMARY KEY (kind, pubkey, d)
);
CREATE TABLE IF NOT EXISTS vanished (pubkey bytea PRIMARY KEY, until bigint NOT NULL);
-- Stamps of one-time rewrites (the hashtag folding in use).
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);
-- The operator's NIP-86 lists (bans, allow lists, kinds, relay info), one row per entry, shared by every process.
CREATE TABLE IF NOT EXISTS moderation (list text NOT NULL, subject text NOT NULL, value text NOT NULL, PRIMARY KEY (list, subject));
`;

/**
 * The write rules as server-side functions, so a batch of saves is one statement instead of a
 * round trip per check (a statement per event, even pipelined, costs about twice as much). They mirror store-sqlite's mutations.ts
 * and tombstones.ts; the shared contract suite holds both to the same behaviour.
 */
const FUNCTIONS = `
-- Signatures before reposts of deleted events were refused (p_copied); an overload would linger.
-- Dropped only where they exist: a DROP locks the function even when there is nothing to drop.
DO $$ BEGIN
  IF to_regprocedure('lifeline_refuses(bytea, bytea, bigint, integer, text, text[])') IS NOT NULL THEN
    DROP FUNCTION lifeline_refuses(bytea, bytea, bigint, integer, text, text[]);
    DROP FUNCTION lifeline_save_event(text, text, bigint, integer, text, bigint, text, text[], text[]);
    DROP FUNCTION lifeline_save_batch(
      text[], text[], bigint[], integer[], text[], bigint[], text[], text[], text[], integer[], text[], text[]);
  END IF;
END $$;

-- p_copied: 'id pubkey' (hex) of the event a repost copies (nostr/nip09.ts repostedEvent), or NULL.
CREATE OR REPLACE FUNCTION lifeline_refuses(
  p_id bytea, p_pubkey bytea, p_created_at bigint, p_kind integer, p_d text, p_wrapped text[], p_copied text
) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT (p_kind <> 5 AND EXISTS (SELECT 1 FROM deleted_ids WHERE id = p_id AND pubkey = p_pubkey))
    OR (p_copied IS NOT NULL AND EXISTS (
      SELECT 1 FROM deleted_ids
      WHERE id = decode(split_part(p_copied, ' ', 1), 'hex') AND pubkey = decode(split_part(p_copied, ' ', 2), 'hex')))
    -- A request to vanish itself is kept (NIP-62 allows it), so mirrors that were away learn of it.
    OR (p_kind <> 62 AND EXISTS (SELECT 1 FROM vanished WHERE pubkey = p_pubkey AND until >= p_created_at))
    OR (p_kind = 1059 AND EXISTS (
      SELECT 1 FROM vanished
      WHERE pubkey = ANY (ARRAY(SELECT decode(w, 'hex') FROM unnest(p_wrapped) w)) AND until >= p_created_at))
    OR (p_d IS NOT NULL AND EXISTS (
      SELECT 1 FROM deleted_addresses
      WHERE kind = p_kind AND pubkey = p_pubkey AND d = p_d AND until >= p_created_at))
$$;

-- One event: its new seq, or -1 duplicate, -2 deleted (a tombstone covers it), -3 superseded.
CREATE OR REPLACE FUNCTION lifeline_save_event(
  p_id text, p_pubkey text, p_created_at bigint, p_kind integer, p_d text, p_expiration bigint,
  p_json text, p_words text[], p_wrapped text[], p_copied text
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_id bytea := decode(p_id, 'hex');
  v_pubkey bytea := decode(p_pubkey, 'hex');
  v_seq bigint;
  cur record;
BEGIN
  -- Shared with every save of this author (and of those whose tombstones could cover the event);
  -- lifeline_delete and lifeline_vanish take it exclusively. So a deletion committed by another
  -- process either is seen by the check below or waits for this save to commit and removes it.
  PERFORM pg_advisory_xact_lock_shared(hashtextextended(k, 7447)) FROM (
    SELECT p_pubkey AS k UNION SELECT split_part(p_copied, ' ', 2) WHERE p_copied IS NOT NULL
    UNION SELECT w FROM unnest(p_wrapped) w WHERE p_kind = 1059 ORDER BY 1) keys;
  IF EXISTS (SELECT 1 FROM events WHERE id = v_id) THEN RETURN -1; END IF;
  IF lifeline_refuses(v_id, v_pubkey, p_created_at, p_kind, p_d, p_wrapped, p_copied) THEN RETURN -2; END IF;
  IF p_d IS NOT NULL THEN
    -- Serializes writers of one address across processes; released at COMMIT.
    PERFORM pg_advisory_xact_lock(hashtextextended(p_kind || ':' || p_pubkey || ':' || p_d, 0));
    SELECT seq, id, created_at INTO cur FROM events WHERE kind = p_kind AND pubkey = v_pubkey AND d = p_d;
    IF FOUND THEN
      IF p_created_at > cur.created_at OR (p_created_at = cur.created_at AND v_id < cur.id) THEN
        DELETE FROM events WHERE seq = cur.seq;
      ELSE
        RETURN -3;
      END IF;
    END IF;
  END IF;
  INSERT INTO events (id, pubkey, created_at, kind, d, expiration, json, words)
  VALUES (v_id, v_pubkey, p_created_at, p_kind, p_d, p_expiration, p_json,
          CASE WHEN cardinality(p_words) > 0 THEN array_to_tsvector(p_words) END)
  ON CONFLICT (id) DO NOTHING
  RETURNING seq INTO v_seq;
  RETURN coalesce(v_seq, -1);
END $$;

-- A batch of saves in order, as one statement: per event its words and gift-wrap p tags as
-- space-separated lists (nip50 words and hex keys hold no space), its tags as rows of
-- (event index, name, value). Tag rows go in last, for the events still stored at the end.
CREATE OR REPLACE FUNCTION lifeline_save_batch(
  p_ids text[], p_pubkeys text[], p_created bigint[], p_kinds integer[], p_ds text[], p_exps bigint[],
  p_jsons text[], p_words text[], p_wrapped text[], p_tag_events integer[], p_tag_names text[], p_tag_values text[],
  p_copied text[]
) RETURNS bigint[] LANGUAGE plpgsql AS $$
DECLARE
  seqs bigint[] := '{}';
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_ids, 1), 0) LOOP
    seqs := seqs || lifeline_save_event(p_ids[i], p_pubkeys[i], p_created[i], p_kinds[i], p_ds[i], p_exps[i],
      p_jsons[i], string_to_array(p_words[i], ' '), string_to_array(p_wrapped[i], ' '), p_copied[i]);
  END LOOP;
  INSERT INTO tags (name, value, created_at, event)
  SELECT DISTINCT t.n, t.v, p_created[t.i], s.seq
  FROM unnest(p_tag_events, p_tag_names, p_tag_values) AS t (i, n, v)
  JOIN unnest(seqs) WITH ORDINALITY AS s (seq, i) ON s.i = t.i
  WHERE s.seq > 0 AND EXISTS (SELECT 1 FROM events e WHERE e.seq = s.seq);
  RETURN seqs;
END $$;

CREATE OR REPLACE FUNCTION lifeline_delete(
  p_author text, p_created_at bigint, p_ids text[], p_kinds integer[], p_ds text[]
) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_author bytea := decode(p_author, 'hex');
  by_id integer;
  by_address integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_author, 7447));
  INSERT INTO deleted_ids (id, pubkey) SELECT DISTINCT decode(x, 'hex'), v_author FROM unnest(p_ids) x
  ON CONFLICT DO NOTHING;
  -- A deletion of a deletion has no effect (NIP-09).
  DELETE FROM events
  WHERE id = ANY (ARRAY(SELECT decode(x, 'hex') FROM unnest(p_ids) x)) AND pubkey = v_author AND kind <> 5;
  GET DIAGNOSTICS by_id = ROW_COUNT;
  INSERT INTO deleted_addresses (kind, pubkey, d, until)
  SELECT k, v_author, d, p_created_at FROM (SELECT DISTINCT k, d FROM unnest(p_kinds, p_ds) AS a (k, d)) a
  ON CONFLICT (kind, pubkey, d) DO UPDATE SET until = greatest(deleted_addresses.until, excluded.until);
  DELETE FROM events e USING unnest(p_kinds, p_ds) AS a (k, d)
  WHERE e.kind = a.k AND e.pubkey = v_author AND e.d = a.d AND e.created_at <= p_created_at;
  GET DIAGNOSTICS by_address = ROW_COUNT;
  RETURN by_id + by_address;
END $$;

CREATE OR REPLACE FUNCTION lifeline_vanish(p_pubkey text, p_until bigint) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_pubkey bytea := decode(p_pubkey, 'hex');
  removed integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_pubkey, 7447));
  INSERT INTO vanished (pubkey, until) VALUES (v_pubkey, p_until)
  ON CONFLICT (pubkey) DO UPDATE SET until = greatest(vanished.until, excluded.until);
  DELETE FROM events WHERE seq IN (
    SELECT seq FROM events WHERE pubkey = v_pubkey AND created_at <= p_until
    UNION
    SELECT t.event FROM tags t JOIN events e ON e.seq = t.event
    WHERE t.name = 'p' AND t.value = p_pubkey AND t.created_at <= p_until AND e.kind = 1059);
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END $$;
`;

// Tricky spellings whose fold stamps the folding in use (see refoldHashtags).
const PROBE = '#Ünïcode ميدان آزادي كتاب ۱۳۸۸ ٤ می‌روم ـ ً ﬁ ２０';

/** Names this exact schema and hashtag folding; stored in `meta` once they are in place. */
const SCHEMA_STAMP = createHash('sha256')
  .update(TABLES)
  .update(FUNCTIONS)
  .update(FEED_SCHEMA)
  .update(indexedTagValue('t', PROBE))
  .digest('hex');

/**
 * Creates the schema if needed; safe to run from several processes at once (one advisory lock).
 * A database already stamped with this schema is left alone: `CREATE INDEX IF NOT EXISTS` locks
 * its table against writes even when the index exists, which would stall a worker started (or
 * restarted) while the others are under load.
 */
export async function initSchema(sql: Sql): Promise<void> {
  // Both stamps: the schema's, and the hashtag folding's (refoldHashtags, which a restore of an
  // older dump can leave behind).
  const stamped = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM meta
    WHERE (key = 'schema' AND value = ${SCHEMA_STAMP}) OR (key = 'hashtags' AND value = ${indexedTagValue('t', PROBE)})`.catch(
    () => [],
  );
  if (stamped[0]?.n === 2) return;
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(7447001)`;
    await tx.unsafe(TABLES);
    await tx.unsafe(FUNCTIONS);
    await tx.unsafe(FEED_SCHEMA);
    await refoldHashtags(tx);
    await tx`INSERT INTO meta (key, value) VALUES ('schema', ${SCHEMA_STAMP})
             ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
  });
}

/**
 * `t` rows hold folded hashtags (indexedTagValue). A database written before folding, or under
 * another folding, has its `t` rows rewritten once, value by distinct value.
 */
async function refoldHashtags(tx: TransactionSql): Promise<void> {
  const stamp = indexedTagValue('t', PROBE);
  const [row] = await tx<{ value: string }[]>`SELECT value FROM meta WHERE key = 'hashtags'`;
  if (row?.value === stamp) return;
  const values = await tx<{ value: string }[]>`SELECT DISTINCT value FROM tags WHERE name = 't'`;
  for (const { value } of values) {
    const folded = indexedTagValue('t', value);
    if (folded === value) continue;
    await tx`UPDATE tags SET value = ${folded} WHERE name = 't' AND value = ${value}`;
    // An event tagged with two spellings now has the same row twice; keep one.
    await tx`DELETE FROM tags a USING tags b
             WHERE a.name = 't' AND b.name = 't' AND a.value = ${folded} AND b.value = ${folded}
               AND a.event = b.event AND a.ctid < b.ctid`;
  }
  await tx`INSERT INTO meta (key, value) VALUES ('hashtags', ${stamp})
           ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
}
