package io.waypost.app.cli;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns an exception into the sentence a user reads: its real cause, never "null". */
final class Errors {

  private Errors() {}

  /**
   * The innermost useful message: wrappers (completion, execution, invocation) are looked through,
   * and an exception without a message is named by what it is.
   */
  static String describe(Throwable error) {
    Throwable t = unwrap(error);
    String message = t.getMessage();
    if (message == null || message.isBlank() || message.equals("null")) {
      Throwable cause = t.getCause();
      return cause != null && cause != t ? describe(cause) : plainName(t);
    }
    return message;
  }

  static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException
            || t instanceof ExecutionException
            || t instanceof InvocationTargetException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** "SocketTimeoutException" reads as "socket timeout". */
  private static String plainName(Throwable t) {
    String name = t.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
    return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
        + " (no further detail)";
  }
}
