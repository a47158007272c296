package io.waypost.core.devnet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.testing.ChildJvm;
import io.waypost.core.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** anvil must not outlive a JVM that is killed outright (no shutdown hooks run then). */
class AnvilWatchdogTest {

  /** The child: starts anvil, prints its PID, and waits to be killed. */
  public static final class HoldsAnvil {
    public static void main(String[] args) throws Exception {
      AnvilNode anvil =
          AnvilNode.start(AnvilNode.Options.defaults(FoundryToolchain.locate().anvil()));
      System.out.println("ANVIL " + anvil.pid());
      new CountDownLatch(1).await();
    }
  }

  @Test
  void anvilStopsWhenItsJvmIsKilled() throws Exception {
    long anvilPid;
    try (ChildJvm child = new ChildJvm(HoldsAnvil.class)) {
      anvilPid =
          Long.parseLong(child.awaitLine("ANVIL ", Duration.ofSeconds(30)).substring(6).strip());
      assertTrue(
          ProcessHandle.of(anvilPid).map(ProcessHandle::isAlive).orElse(false), "anvil runs");
      child.kill();
    }
    Eventually.await(
        "anvil " + anvilPid + " has stopped",
        Duration.ofSeconds(10),
        () -> ProcessHandle.of(anvilPid).map(h -> !h.isAlive()).orElse(true));
  }
}
