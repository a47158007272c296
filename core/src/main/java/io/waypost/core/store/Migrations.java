package io.waypost.core.store;

import java.util.List;

/**
 * The store's schema history, oldest first. Each entry names a SQL file beside this class under
 * {@code migrations/}; an applied migration is never edited, only followed by a new one. The list
 * is explicit (rather than a classpath scan) so it works the same from a jar and a jlinked image.
 */
final class Migrations {

  /** Versions are the list positions, starting at 1. */
  static final List<String> ALL =
      List.of(
          "V1__network_profiles.sql",
          // Version 2 was held for the discovery peer cache while it was written on another
          // branch; stores made meanwhile have it empty, so the cache came as version 6.
          "V2__reserved.sql",
          "V3__transactions_and_registry_index.sql",
          "V4__settings.sql",
          "V5__trust_policy.sql",
          "V6__discovery_peers.sql",
          "V7__registry_event_node_index.sql",
          "V8__profile_endpoints_and_depth.sql",
          "V9__profile_dns_trees_and_capabilities.sql");

  private Migrations() {}
}
