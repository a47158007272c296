package io.waypost.core.account;

/** An account could not be created, imported or unlocked; the message says why. */
public final class AccountException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public AccountException(String message) {
    super(message);
  }

  public AccountException(String message, Throwable cause) {
    super(message, cause);
  }
}
