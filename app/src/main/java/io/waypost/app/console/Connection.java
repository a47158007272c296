package io.waypost.app.console;

import java.util.Optional;

/**
 * Where the console stands: the profile in use, the one it is connecting to (screens say so
 * meanwhile), the last connection's failure, and why the chain in use stopped answering while it
 * does (screens then show what was indexed, stale).
 */
public record Connection(
    String current,
    Optional<String> connectingTo,
    Optional<String> failure,
    Optional<String> lost) {
  public Connection(String current, Optional<String> connectingTo, Optional<String> failure) {
    this(current, connectingTo, failure, Optional.empty());
  }
}
