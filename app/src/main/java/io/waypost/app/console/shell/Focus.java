package io.waypost.app.console.shell;

import java.util.Optional;

/** What a screen opened from an Overview card shows first: the thing that card is about. */
public sealed interface Focus {

  /** Curator: the applications waiting for a decision. */
  record PendingApplications() implements Focus {}

  /** Discovery: one service's nodes, optionally only those with one verdict. */
  record ServiceNodes(String service, Optional<String> verdict) implements Focus {}

  /** Activity: the transactions and the latest registry events. */
  record RecentActivity() implements Focus {}

  /** Settings: the network and its endpoint. */
  record NetworkSettings() implements Focus {}
}
