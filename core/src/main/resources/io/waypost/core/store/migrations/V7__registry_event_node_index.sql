-- A node's history (Discovery details) reads its events by node id, not the whole audit trail.
CREATE INDEX registry_event_node ON registry_event (registry, node_id);
