package io.waypost.core.discovery.topic;

/** A TopDisc payload that does not follow the wire format; the sender gets no answer. */
public final class MalformedMessageException extends Exception {
  public MalformedMessageException(String message) {
    super(message);
  }
}
