package io.waypost.app.console.common;

import io.waypost.app.console.UiThread;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.stage.FileChooser;

/** RFC 4180 CSV, written to a temporary file and moved into place so no half file is left. */
public final class Csv {

  private Csv() {}

  /**
   * Exports what a screen shows: the rows are taken on the FX thread (where the table's list
   * lives), the file is written on {@code worker} (never blocking the FX thread).
   */
  public static CompletableFuture<Path> export(
      Executor worker, List<String> header, Supplier<List<List<String>>> shownRows, Path target) {
    CompletableFuture<List<List<String>>> rows = new CompletableFuture<>();
    UiThread.run(
        () -> {
          try {
            rows.complete(shownRows.get());
          } catch (RuntimeException e) {
            rows.completeExceptionally(e);
          }
        });
    return rows.thenApplyAsync(
        taken -> {
          try {
            write(target, header, taken);
            return target;
          } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
          }
        },
        worker);
  }

  /**
   * Asks where to save (a CSV file chooser over {@code owner}), runs {@code export} to that file
   * and says how it went in a notification. FX thread.
   */
  public static void chooseAndExport(
      Node owner,
      String title,
      String fileName,
      Function<Path, CompletableFuture<Path>> export,
      Notifications notifications) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser.setInitialFileName(fileName);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
    var file = chooser.showSaveDialog(owner.getScene().getWindow());
    if (file == null) {
      return;
    }
    export
        .apply(file.toPath())
        .whenComplete(
            (written, failure) -> {
              if (failure == null) {
                notifications.show(Notifications.Level.SUCCESS, "Exported", written.toString());
              } else {
                notifications.error("The export failed", failure);
              }
            });
  }

  public static void write(Path target, List<String> header, List<List<String>> rows)
      throws IOException {
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

  public static String line(List<String> cells) {
    return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
  }

  static String cell(String value) {
    String v = value == null ? "" : value;
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\""
        : v;
  }
}
