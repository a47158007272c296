-- Service peers found by discovery, so that a restart begins with them (see docs/discovery.md).
-- One row per (service, node); ids are 0x-prefixed 32-byte hex, times epoch milliseconds.
CREATE TABLE discovery_peer (
  service_id TEXT NOT NULL,
  node_id    TEXT NOT NULL,
  enr        TEXT NOT NULL,
  source     TEXT NOT NULL,
  last_seen  INTEGER NOT NULL,
  rtt_ms     INTEGER,
  PRIMARY KEY (service_id, node_id)
);
CREATE INDEX discovery_peer_by_last_seen ON discovery_peer (service_id, last_seen);
