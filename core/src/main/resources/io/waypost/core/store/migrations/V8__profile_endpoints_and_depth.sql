-- A profile's further RPC endpoints (tried in order when the first fails; newline-separated) and
-- its confirmation depth (NULL: the default, 0 on the devnet and 2 elsewhere).
ALTER TABLE network_profile ADD COLUMN fallback_rpc_urls TEXT NOT NULL DEFAULT '';
ALTER TABLE network_profile ADD COLUMN confirmations INTEGER;
