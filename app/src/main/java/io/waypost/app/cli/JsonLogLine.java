package io.waypost.app.cli;

import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One log record as one line of JSON, for log shippers (journald, Loki, Elasticsearch): {@code
 * {"time":"2026-11-28T20:01:02.123Z","level":"INFO","logger":"io.waypost…","message":"…"}}, and
 * {@code "error"} with the cause's message when there is one. No stack traces: one record, one
 * line.
 */
final class JsonLogLine extends Formatter {

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(200);
    line.append("{\"time\":\"").append(Instant.ofEpochMilli(record.getMillis())).append('"');
    field(line, "level", Logging.OneLine.name(record.getLevel()));
    field(line, "logger", record.getLoggerName() == null ? "" : record.getLoggerName());
    field(line, "message", formatMessage(record));
    if (record.getThrown() != null) {
      field(line, "error", Errors.describe(record.getThrown()));
    }
    return line.append('}').append(System.lineSeparator()).toString();
  }

  private static void field(StringBuilder line, String name, String value) {
    line.append(",\"").append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (c < 0x20) {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    line.append('"');
  }
}
