package io.waypost.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @TempDir Path dir;

  @Test
  void opensInWalModeAtTheLatestSchema() {
    try (Database db = Database.open(dir.resolve("sub/waypost.db"))) {
      assertEquals(Migrations.ALL.size(), db.schemaVersion());
      String mode = db.read(c -> scalar(c.createStatement(), "PRAGMA journal_mode"));
      assertEquals("wal", mode);
    }
    try (Database again = Database.open(dir.resolve("sub/waypost.db"))) {
      assertEquals(Migrations.ALL.size(), again.schemaVersion(), "reopening migrates nothing");
    }
  }

  @Test
  void aFailedWriteLeavesNothingBehind() {
    try (Database db = Database.open(dir.resolve("waypost.db"))) {
      db.write(c -> c.createStatement().execute("CREATE TABLE t (x INTEGER)"));
      assertThrows(
          StoreException.class,
          () ->
              db.write(
                  c -> {
                    c.createStatement().execute("INSERT INTO t VALUES (1)");
                    c.createStatement().execute("INSERT INTO no_such_table VALUES (2)");
                    return null;
                  }));
      assertEquals("0", db.read(c -> scalar(c.createStatement(), "SELECT COUNT(*) FROM t")));
    }
  }

  @Test
  void refusesAStoreFromANewerWaypost() {
    Path file = dir.resolve("waypost.db");
    try (Database db = Database.open(file)) {
      db.write(
          c ->
              c.createStatement()
                  .execute("INSERT INTO schema_version VALUES (99, 'V99__future.sql', 0)"));
    }
    StoreException error = assertThrows(StoreException.class, () -> Database.open(file));
    assertTrue(error.getMessage().contains("schema version 99"), error.getMessage());
  }

  @Test
  void refusesAFileThatIsNotAStore() throws Exception {
    Path file = dir.resolve("not-a-db.db");
    Files.writeString(file, "this is not SQLite, just text that is long enough to have a header");
    StoreException error = assertThrows(StoreException.class, () -> Database.open(file));
    assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
  }

  @Test
  void migrationsApplyInOrderAndAreRecorded() {
    try (Database db = Database.open(dir.resolve("waypost.db"))) {
      List<String> names =
          db.read(
              c -> {
                try (ResultSet rows =
                    c.createStatement()
                        .executeQuery("SELECT name FROM schema_version ORDER BY version")) {
                  java.util.ArrayList<String> out = new java.util.ArrayList<>();
                  while (rows.next()) {
                    out.add(rows.getString(1));
                  }
                  return out;
                }
              });
      assertEquals(Migrations.ALL, names);
    }
  }

  @Test
  void dataDirectoryFollowsPlatformConventions() {
    Path home = Path.of("/home/ada");
    assertEquals(
        Path.of("/home/ada/.local/share/waypost"),
        DataDirectory.resolve(Optional.empty(), Map.of(), "Linux", home));
    assertEquals(
        Path.of("/xdg/waypost"),
        DataDirectory.resolve(Optional.empty(), Map.of("XDG_DATA_HOME", "/xdg"), "Linux", home));
    assertEquals(
        Path.of("/home/ada/Library/Application Support/Waypost"),
        DataDirectory.resolve(Optional.empty(), Map.of(), "Mac OS X", home));
    assertEquals(
        Path.of("/env/dir"),
        DataDirectory.resolve(
            Optional.empty(), Map.of("WAYPOST_DATA_DIR", "/env/dir"), "Linux", home));
    assertEquals(
        Path.of("/flag"),
        DataDirectory.resolve(
            Optional.of(Path.of("/flag")), Map.of("WAYPOST_DATA_DIR", "/env"), "Linux", home));
  }

  private static String scalar(Statement statement, String sql) throws java.sql.SQLException {
    try (statement;
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
