package io.waypost.core.request;

/** A request or its answer was refused; the message says why (tampered, replayed, expired, …). */
public final class RequestRefusedException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a node refused a request, in the few kinds that operators count (metrics). */
  public enum Reason {
    /** Not an envelope (size, version, key not on the curve) or not a well-formed stream. */
    MALFORMED,
    /** The timestamp is outside the window: expired, or the clocks disagree. */
    EXPIRED,
    /** It does not decrypt with this node's key: tampered with, or sealed for another node. */
    UNREADABLE,
    /** This exact envelope was answered before. */
    REPLAYED,
    /** The node's replay memory or its connections are full. */
    BUSY,
    /** The service behind the node failed, or its answer does not fit the transport. */
    SERVICE,
    /** Anything else, and every refusal the client side raises about an answer. */
    OTHER
  }

  private final Reason reason;

  public RequestRefusedException(String message) {
    this(Reason.OTHER, message);
  }

  public RequestRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
