package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogLineTest {

  @Test
  void oneRecordIsOneLineOfJsonWithItsCause() {
    LogRecord record = new LogRecord(Level.WARNING, "backend \"{0}\" failed\nretrying");
    record.setParameters(new Object[] {"http://127.0.0.1:8080/q"});
    record.setInstant(Instant.parse("2026-11-28T20:01:02.123Z"));
    record.setLoggerName("io.waypost.core.request.RequestEndpoint");
    record.setThrown(new java.io.IOException("connection refused"));
    assertEquals(
        "{\"time\":\"2026-11-28T20:01:02.123Z\",\"level\":\"WARN\","
            + "\"logger\":\"io.waypost.core.request.RequestEndpoint\","
            + "\"message\":\"backend \\\"http://127.0.0.1:8080/q\\\" failed\\nretrying\","
            + "\"error\":\"connection refused\"}"
            + System.lineSeparator(),
        new JsonLogLine().format(record));
  }
}
