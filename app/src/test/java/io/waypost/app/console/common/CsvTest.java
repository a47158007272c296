package io.waypost.app.console.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

  @TempDir Path dir;

  @Test
  void quotesWhatNeedsQuotingAndNothingElse() {
    assertEquals("plain", Csv.cell("plain"));
    assertEquals("\"a,b\"", Csv.cell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
    assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
    assertEquals("", Csv.cell(null));
  }

  @Test
  void writesAWholeFileWithCrlfLines() throws Exception {
    Path file = dir.resolve("out.csv");
    Csv.write(
        file,
        List.of("Event", "Details"),
        List.of(List.of("ProviderRejected", "reason: no contact, no site")));
    assertEquals(
        "Event,Details\r\nProviderRejected,\"reason: no contact, no site\"\r\n",
        Files.readString(file));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }
}
