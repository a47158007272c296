-- A profile's EIP-1459 node lists (enrtree:// URLs, newline-separated) and its capability map in
-- text form (CapabilityMap: 'waku2.store=mailserver'; the empty text maps nothing). Profiles saved
-- before get no lists and the default map.
ALTER TABLE network_profile ADD COLUMN enr_trees TEXT NOT NULL DEFAULT '';
ALTER TABLE network_profile ADD COLUMN capability_map TEXT NOT NULL DEFAULT 'waku2.store=mailserver';
