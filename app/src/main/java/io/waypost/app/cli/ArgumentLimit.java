package io.waypost.app.cli;

/**
 * The longest command line Waypost takes. The packaged launcher (jpackage's, JDK 25) crashes with
 * SIGSEGV, before any Java runs, once its arguments and the class path it adds pass about 64 KiB
 * (measured: a single argument of 56,000 characters). The packaged {@code waypost} script refuses
 * longer command lines before starting it, and {@code main} applies the same limit, so that the
 * developer launcher and the package answer alike. Nothing legitimate comes near: a record is at
 * most 300 bytes (about 400 characters as text), and a request's data can come from a file.
 */
public final class ArgumentLimit {

  /** Characters in all arguments together, one separator each included. */
  public static final int MAX_CHARACTERS = 32_768;

  private ArgumentLimit() {}

  /**
   * @throws IllegalArgumentException naming the length and the limit, if the arguments pass it
   */
  public static void check(String[] args) {
    long total = 0;
    for (String arg : args) {
      total += arg.length() + 1;
    }
    if (total > MAX_CHARACTERS) {
      throw new IllegalArgumentException(
          String.format(
              "the arguments are %,d characters long, more than the %,d the launcher accepts;"
                  + " pass long request data with --data-file",
              total, MAX_CHARACTERS));
    }
  }
}
