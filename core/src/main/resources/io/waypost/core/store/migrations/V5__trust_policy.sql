-- Which providers this user trusts, per registry ("<chainId>:<address>"). A registry with no row
-- in trust_choice has never been chosen for: the profile's default providers apply.
CREATE TABLE trust_choice (
  registry TEXT PRIMARY KEY,
  chosen_at INTEGER NOT NULL
);
CREATE TABLE trusted_provider (
  registry TEXT NOT NULL,
  address  TEXT NOT NULL,
  PRIMARY KEY (registry, address)
);

-- Servers the user added by hand: usable without registry approval, always shown as custom.
CREATE TABLE custom_server (
  service_id TEXT NOT NULL,
  node_id    TEXT NOT NULL,
  record     TEXT NOT NULL,
  label      TEXT NOT NULL,
  added_at   INTEGER NOT NULL,
  PRIMARY KEY (service_id, node_id)
);

-- A server the user pinned for a service: it wins while it works.
CREATE TABLE pinned_server (
  service_id TEXT PRIMARY KEY,
  node_id    TEXT NOT NULL
);
