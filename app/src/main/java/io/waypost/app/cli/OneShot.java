package io.waypost.app.cli;

import io.waypost.core.discovery.DiscoveryNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a one-shot command stops its discovery node. The library closes the UDP socket at once, then
 * waits out Netty's 2 s quiet period before its event loop ends: a long-lived process must wait for
 * that (the console's switch counts threads), but a command that has printed its answer and is
 * about to exit need not. The stop runs on a daemon thread; the command waits for it only briefly,
 * and {@code WaypostMain}'s {@code System.exit} ends what is left of it.
 */
final class OneShot {

  /** Enough for the socket to close on loopback; the quiet period is what is left over. */
  private static final long WAIT_MILLIS = 250;

  private OneShot() {}

  static void close(DiscoveryNode node) {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("one-shot-stop")
        .start(
            () -> {
              try {
                node.close();
                stopped.complete(null);
              } catch (RuntimeException e) {
                stopped.completeExceptionally(e);
              }
            });
    try {
      stopped.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Still in Netty's quiet period: the process exits around it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      // A failure to stop cleanly changes nothing for a command that has its answer.
    }
  }
}
