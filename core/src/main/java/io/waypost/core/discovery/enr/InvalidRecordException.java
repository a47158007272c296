package io.waypost.core.discovery.enr;

/** A node record or enode URL was refused; the message says why, for people. */
public final class InvalidRecordException extends Exception {

  public InvalidRecordException(String reason) {
    super(reason);
  }

  public InvalidRecordException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
