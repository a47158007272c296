package io.waypost.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code waypost devnet} as a process, as a user runs it: killed with kill -9 while it seeds, it
 * leaves transactions SIGNED or PENDING in the journal; the next start settles every one of them
 * (the chain they were sent to is gone: marked dropped, or mined again where the new seeding signs
 * the same bytes). When its anvil dies under it, it says so and exits 1.
 */
class DevnetProcessTest {

  @TempDir Path dir;

  @Test
  void aKillMidSeedingLeavesNothingUnresolvedAndADeadAnvilIsReported() throws Exception {
    Path dataDir = dir.resolve("data");
    Path store = dataDir.resolve("waypost.db");
    List<String> command = new ArrayList<>(WaypostProcess.java());
    command.addAll(List.of("devnet", "--no-discovery", "--data-dir", dataDir.toString()));

    Process seeding = WaypostProcess.start(command, dir, Map.of(), true);
    LinkedBlockingQueue<String> firstLines = new LinkedBlockingQueue<>();
    WaypostProcess.read(seeding, firstLines);
    try {
      killWhileATransactionIsUnfinished(seeding, store, firstLines);
    } finally {
      WaypostProcess.stop(seeding, 5);
    }
    List<String> left = states(store, "state IN ('SIGNED', 'PENDING')");
    assertTrue(!left.isEmpty(), "the kill left a transaction unfinished");

    Process again = WaypostProcess.start(command, dir, Map.of(), true);
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    WaypostProcess.read(again, lines);
    List<String> seen = new ArrayList<>();
    try {
      WaypostProcess.await(
          lines, seen, 120, "the devnet running again", l -> l.startsWith("Devnet running"));
      assertEquals(0, unfinished(store), "nothing SIGNED or PENDING after the next start");
      // Each was settled: marked dropped (its chain is gone), and sent anew by the new seeding if
      // it signs the very same bytes (a fresh devnet repeats itself), then mined.
      List<String> after = states(store, "state NOT IN ('SIGNED', 'PENDING')");
      for (String entry : left) {
        String hash = entry.substring(0, entry.indexOf(' '));
        assertTrue(
            after.stream().anyMatch(e -> e.startsWith(hash + " ")),
            entry + " settled; the journal holds " + after);
      }

      ProcessHandle anvil =
          again
              .descendants()
              .filter(p -> p.info().command().orElse("").endsWith("anvil"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no anvil under the devnet process"));
      anvil.destroyForcibly();
      WaypostProcess.await(
          lines,
          seen,
          30,
          "the devnet saying its chain stopped",
          l -> l.contains("the devnet's chain stopped") && l.contains("pid " + anvil.pid()));
      assertTrue(again.waitFor(30, TimeUnit.SECONDS), "the devnet exits when anvil is gone");
      assertEquals(1, again.exitValue(), String.join("\n", seen));
    } finally {
      WaypostProcess.stop(again, 30);
    }
  }

  /**
   * Watches the journal while the devnet seeds; when a transaction is SIGNED or PENDING, stops the
   * process (SIGSTOP) so that it cannot settle it, checks again and kills it (SIGKILL), else lets
   * it go on (SIGCONT).
   */
  private static void killWhileATransactionIsUnfinished(
      Process process, Path store, LinkedBlockingQueue<String> lines) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (lines.stream().anyMatch(l -> l.startsWith("Devnet running"))) {
        throw new AssertionError("seeding ended before a transaction was seen unfinished");
      }
      if (!process.isAlive()) {
        throw new AssertionError("the devnet stopped by itself: " + lines);
      }
      if (unfinished(store) > 0) {
        signal("STOP", process.pid());
        if (unfinished(store) > 0) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          return;
        }
        signal("CONT", process.pid());
      }
      Thread.sleep(1); // a tight poll: a transaction is unfinished for only milliseconds
    }
    throw new AssertionError("no transaction was seen unfinished within 120 s");
  }

  private static void signal(String name, long pid) throws Exception {
    new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor();
  }

  private static int unfinished(Path store) {
    return count(store, "state IN ('SIGNED', 'PENDING')");
  }

  /** "hash state" of each journal row matching {@code where}. */
  private static List<String> states(Path store, String where) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT hash, state FROM tx_journal WHERE " + where)) {
      List<String> out = new ArrayList<>();
      while (rows.next()) {
        out.add(rows.getString(1) + " " + rows.getString(2));
      }
      return out;
    }
  }

  /** Journal rows matching {@code where}, read as another process would (0 before it exists). */
  private static int count(Path store, String where) {
    if (!store.toFile().exists()) {
      return 0;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 2000");
      try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM tx_journal WHERE " + where)) {
        return rows.next() ? rows.getInt(1) : 0;
      }
    } catch (SQLException e) {
      return 0; // not created yet
    }
  }
}
