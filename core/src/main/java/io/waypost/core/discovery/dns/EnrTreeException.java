package io.waypost.core.discovery.dns;

/**
 * A DNS node list (EIP-1459 tree) was refused or could not be read; the message names the tree and
 * says why, for people. Nothing from a refused tree is used.
 */
public final class EnrTreeException extends Exception {

  public EnrTreeException(String message) {
    super(message);
  }

  public EnrTreeException(String message, Throwable cause) {
    super(message, cause);
  }
}
