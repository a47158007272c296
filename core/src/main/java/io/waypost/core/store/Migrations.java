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
          // Version 2 belongs to the discovery peer cache, written on another branch; until it
          // lands it is an empty migration so that version numbers stay stable for both.
          "V2__reserved.sql",
          "V3__transactions_and_registry_index.sql",
          "V4__settings.sql",
          "V5__trust_policy.sql");

  private Migrations() {}
}
