package io.waypost.core.discovery.peers;

/** A change in a service's live peers. */
public record PeerEvent(Kind kind, ServicePeer peer) {

  public enum Kind {
    /** A new peer. */
    ADDED,
    /** A known peer published a newer record (higher ENR sequence). */
    UPDATED,
    /** The peer stopped answering and left. */
    GONE
  }
}
