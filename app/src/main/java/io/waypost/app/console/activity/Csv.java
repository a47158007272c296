package io.waypost.app.console.activity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV, written to a temporary file and moved into place so no half file is left. */
final class Csv {

  private Csv() {}

  static void write(Path target, List<String> header, List<List<String>> rows) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append(line(header));
    rows.forEach(row -> out.append(line(row)));
    Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".export-", ".csv");
    try {
      Files.writeString(temp, out, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static String line(List<String> cells) {
    return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
  }

  static String cell(String value) {
    String v = value == null ? "" : value;
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\""
        : v;
  }
}
