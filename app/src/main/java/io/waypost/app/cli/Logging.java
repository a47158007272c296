package io.waypost.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one logging backend of the command line and the console: java.util.logging, reached through
 * SLF4J (Waypost, web3j) and through log4j-api (the discv5 library) by their bridges. Every line
 * goes to stderr, so that stdout carries only a command's answer (and only JSON with {@code
 * --json}). The level can change after the loggers exist, which is what lets {@code --log-level} be
 * an ordinary option.
 */
public final class Logging {

  /** The levels a user can choose, as Teku and Lighthouse name them. */
  public enum LogLevel {
    OFF(Level.OFF),
    ERROR(Level.SEVERE),
    WARN(Level.WARNING),
    INFO(Level.INFO),
    DEBUG(Level.FINE),
    TRACE(Level.FINEST);

    final Level julLevel;

    LogLevel(Level julLevel) {
      this.julLevel = julLevel;
    }
  }

  private static final Handler STDERR = stderrHandler();

  /**
   * The LogManager the launcher installs (WaypostMain names it before anything logs):
   * java.util.logging's own one closes every handler in a shutdown hook of its own, so lines logged
   * while stopping (the agent's "Agent stopped" on SIGTERM) would be lost. Once Waypost has
   * configured logging, resets are ignored.
   */
  public static final class KeepOpenLogManager extends LogManager {
    private volatile boolean configured;

    @Override
    public void reset() {
      if (!configured) {
        super.reset();
      }
    }
  }

  /**
   * The JDK logs every System.exit at debug, with a stack trace; that is noise to a user who asked
   * for debug logs of Waypost. Held here so the setting is not garbage-collected with the logger.
   */
  private static final Logger RUNTIME_EXIT = Logger.getLogger("java.lang.Runtime");

  /** How log lines look: text for people, or one JSON object per line for log shippers. */
  public enum LogFormat {
    TEXT,
    JSON
  }

  /** Switches the lines on stderr to {@code format}; the level stays as configured. */
  public static void format(LogFormat format) {
    STDERR.setFormatter(format == LogFormat.JSON ? new JsonLogLine() : new OneLine());
  }

  /** Sends every log line to stderr, one line each, at {@code level}. */
  public static void configure(LogLevel level) {
    Logger root = LogManager.getLogManager().getLogger("");
    for (Handler handler : root.getHandlers()) {
      if (handler != STDERR) {
        root.removeHandler(handler);
      }
    }
    if (root.getHandlers().length == 0) {
      root.addHandler(STDERR);
    }
    root.setLevel(level.julLevel);
    RUNTIME_EXIT.setLevel(Level.INFO);
    if (LogManager.getLogManager() instanceof KeepOpenLogManager manager) {
      manager.configured = true;
    }
    STDERR.setLevel(level.julLevel);
  }

  private static Handler stderrHandler() {
    ConsoleHandler handler = new ConsoleHandler(); // writes to System.err
    handler.setFormatter(new OneLine());
    return handler;
  }

  /**
   * {@code 2026-11-28T20:01:02.123Z INFO RegistryIndexer message}. A throwable adds its message;
   * its stack trace only at debug and below, for developers.
   */
  static final class OneLine extends Formatter {
    @Override
    public String format(LogRecord record) {
      StringBuilder line = new StringBuilder(160);
      line.append(Instant.ofEpochMilli(record.getMillis()))
          .append(' ')
          .append(String.format(Locale.ROOT, "%-5s", name(record.getLevel())))
          .append(' ')
          .append(shortName(record.getLoggerName()))
          .append("  ")
          .append(formatMessage(record));
      Throwable thrown = record.getThrown();
      if (thrown != null) {
        if (Logger.getLogger("").isLoggable(Level.FINE)) {
          StringWriter trace = new StringWriter();
          thrown.printStackTrace(new PrintWriter(trace));
          line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        } else {
          line.append(": ").append(Errors.describe(thrown));
        }
      }
      return line.append(System.lineSeparator()).toString();
    }

    static String name(Level level) {
      if (level.intValue() >= Level.SEVERE.intValue()) {
        return "ERROR";
      } else if (level.intValue() >= Level.WARNING.intValue()) {
        return "WARN";
      } else if (level.intValue() >= Level.INFO.intValue()) {
        return "INFO";
      } else if (level.intValue() >= Level.FINE.intValue()) {
        return "DEBUG";
      }
      return "TRACE";
    }

    private static String shortName(String logger) {
      if (logger == null || logger.isEmpty()) {
        return "waypost";
      }
      return logger.substring(logger.lastIndexOf('.') + 1);
    }
  }
}
