-- Network profiles: which chain, registry and discovery network the console and CLI talk to.
-- The embedded devnet is not stored here: it is rebuilt at every start.
CREATE TABLE network_profile (
  name              TEXT PRIMARY KEY,
  rpc_url           TEXT NOT NULL,
  chain_id          INTEGER NOT NULL,
  registry_address  TEXT NOT NULL,
  deployment_block  INTEGER NOT NULL DEFAULT 0,
  trusted_providers TEXT NOT NULL DEFAULT '',
  bootnodes         TEXT NOT NULL DEFAULT '',
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
