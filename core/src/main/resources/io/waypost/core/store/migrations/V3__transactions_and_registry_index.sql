-- Every transaction Waypost sends, recorded before it is broadcast so a crash cannot lose one.
CREATE TABLE tx_journal (
  hash         TEXT PRIMARY KEY,
  chain_id     INTEGER NOT NULL,
  sender       TEXT NOT NULL,
  recipient    TEXT,
  nonce        INTEGER NOT NULL,
  function     TEXT NOT NULL,
  summary      TEXT NOT NULL,
  raw          TEXT NOT NULL,
  state        TEXT NOT NULL,
  error        TEXT,
  block_number INTEGER,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX tx_journal_state ON tx_journal (state);
CREATE INDEX tx_journal_created ON tx_journal (created_at);

-- The registry's audit trail, one row per event log; `registry` is "<chainId>:<address>".
CREATE TABLE registry_event (
  registry     TEXT NOT NULL,
  block_number INTEGER NOT NULL,
  log_index    INTEGER NOT NULL,
  block_hash   TEXT NOT NULL,
  tx_hash      TEXT NOT NULL,
  timestamp    INTEGER NOT NULL,
  event        TEXT NOT NULL,
  actor        TEXT,
  subject      TEXT,
  node_id      TEXT,
  service_id   TEXT,
  detail       TEXT,
  PRIMARY KEY (registry, block_number, log_index)
);
CREATE INDEX registry_event_subject ON registry_event (registry, subject);

-- State rebuilt from the events above.
CREATE TABLE provider (
  registry      TEXT NOT NULL,
  address       TEXT NOT NULL,
  status        INTEGER NOT NULL,
  name          TEXT NOT NULL,
  metadata_uri  TEXT NOT NULL,
  status_reason TEXT,
  applied_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (registry, address)
);
CREATE TABLE node (
  registry   TEXT NOT NULL,
  node_id    TEXT NOT NULL,
  service_id TEXT NOT NULL,
  provider   TEXT NOT NULL,
  block_number INTEGER NOT NULL,
  PRIMARY KEY (registry, node_id, service_id)
);
CREATE INDEX node_provider ON node (registry, provider);
CREATE TABLE curator (
  registry TEXT NOT NULL,
  address  TEXT NOT NULL,
  PRIMARY KEY (registry, address)
);
CREATE TABLE service (
  registry   TEXT NOT NULL,
  service_id TEXT NOT NULL,
  name       TEXT NOT NULL,
  PRIMARY KEY (registry, service_id)
);
CREATE TABLE registry_owner (
  registry TEXT PRIMARY KEY,
  owner    TEXT NOT NULL
);

-- How far the index has read, and the hashes of recent blocks to notice reorganisations.
CREATE TABLE index_cursor (
  registry     TEXT PRIMARY KEY,
  block_number INTEGER NOT NULL,
  block_hash   TEXT NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE TABLE indexed_block (
  registry     TEXT NOT NULL,
  block_number INTEGER NOT NULL,
  block_hash   TEXT NOT NULL,
  PRIMARY KEY (registry, block_number)
);
