package io.waypost.app.console;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console notices its chain dying: the devnet's anvil is killed by its PID, and the top bar and
 * a notification say so, while the screens keep what was indexed.
 */
class ChainLostTest {

  @TempDir Path dir;

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
      console.screenshot("chain-lost");
    }
  }
}
