package io.waypost.core.request;

/** A request or its answer was refused; the message says why (tampered, replayed, expired, …). */
public final class RequestRefusedException extends Exception {

  private static final long serialVersionUID = 1L;

  public RequestRefusedException(String reason) {
    super(reason);
  }
}
