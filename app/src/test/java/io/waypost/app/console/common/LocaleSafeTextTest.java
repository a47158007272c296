package io.waypost.app.console.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Case conversion without a locale follows the user's: in Turkish "PENDING".toLowerCase() is
 * "pendıng", which breaks style classes, searches and ids. Every conversion in the product's
 * sources names {@code Locale.ROOT}.
 */
class LocaleSafeTextTest {

  private static final Pattern DEFAULT_LOCALE_CASE =
      Pattern.compile("\\.to(Lower|Upper)Case\\(\\)");

  @Test
  void everyCaseConversionNamesItsLocale() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path sources : List.of(Path.of("src/main/java"), Path.of("../core/src/main/java"))) {
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            if (DEFAULT_LOCALE_CASE.matcher(lines.get(i)).find()) {
              found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
          }
        }
      }
    }
    assertEquals(List.of(), found, "case conversions in the user's locale");
  }

  @Test
  void aStatusTurnedIntoAStyleClassIsTheSameForTurkishUsers() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertEquals("notification-info", Notifications.Level.INFO.styleClass());
    } finally {
      Locale.setDefault(before);
    }
  }
}
