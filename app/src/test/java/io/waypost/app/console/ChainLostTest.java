package io.waypost.app.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console notices its chain dying: the devnet's anvil is killed by its PID, and the top bar and
 * a notification say so, and Overview says how long the index has been stale, a figure that grows.
 */
class ChainLostTest {

  @TempDir Path dir;

  private static final java.util.regex.Pattern STALE =
      java.util.regex.Pattern.compile("stale for (\\d+) s");

  /** Waits until Overview says how long the index has been stale, more than {@code above} s. */
  private static long staleSeconds(ConsoleFixture console, long above) {
    long[] seen = {-1};
    console.waitForFx(
        "Overview says the index is stale for more than " + above + " s",
        20,
        () -> {
          for (javafx.scene.control.Labeled label :
              console.robot.lookup(".label").queryAllAs(javafx.scene.control.Labeled.class)) {
            java.util.regex.Matcher m = STALE.matcher(String.valueOf(label.getText()));
            if (m.find() && Long.parseLong(m.group(1)) > above) {
              seen[0] = Long.parseLong(m.group(1));
              return true;
            }
          }
          return false;
        });
    return seen[0];
  }

  @Test
  void aDeadAnvilIsSaidOnScreen() throws Exception {
    try (ConsoleFixture console = new ConsoleFixture(dir.resolve("console"))) {
      long pid = console.context().devnet().orElseThrow().anvilPid();
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      console.waitForText("#topbar-network", "chain connection lost", 20);
      console.waitForText("#topbar-network", "pid " + pid, 5);
      console.waitForFx(
          "a notification says the chain connection is lost",
          10,
          () ->
              console
                  .robot
                  .lookup("#notifications .label")
                  .queryAllAs(javafx.scene.control.Label.class)
                  .stream()
                  .anyMatch(l -> l.getText().contains("The chain connection is lost")));
      console.navigate("overview");
      long first = staleSeconds(console, -1);
      long later = staleSeconds(console, first + 2);
      assertTrue(later >= first + 2, "the stale age grows on screen: " + first + " → " + later);
      console.screenshot("chain-lost");
    }
  }
}
