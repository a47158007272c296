package io.waypost.core.store;

import java.util.List;

/**
 * The store's schema history, oldest first. Each entry names a SQL file beside this class under
 * {@code migrations/}; an applied migration is never edited, only followed by a new one. The list
 * is explicit (rather than a classpath scan) so it works the same from a jar and a jlinked image.
 */
final class Migrations {

  /** Versions are the list positions, starting at 1. */
  static final List<String> ALL = List.of("V1__network_profiles.sql", "V2__discovery_peers.sql");

  private Migrations() {}
}
