package io.waypost.app.console.discovery;

import io.waypost.app.console.shell.Theme;
import io.waypost.core.trust.TrustVerdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The Discovery table with 10,000 peers receiving 200 updates a second, measured from inside the
 * app: the time of each pulse's layout and CSS (pre- to post-layout pulse listener) and the
 * interval between frames, over 20 s; then the heap after a GC. Run with bench/console.sh table.
 */
public final class DiscoveryTableBenchmark extends Application {

  private static final int PEERS = 10_000;
  private static final int UPDATES_PER_SECOND = 200;
  private static final int SECONDS = 20;

  /** The entry point; a class that is not an Application, so the JavaFX launcher check passes. */
  public static final class Main {
    public static void main(String[] args) {
      Application.launch(DiscoveryTableBenchmark.class, args);
    }
  }

  @Override
  public void start(Stage stage) {
    DiscoveryModel model = new DiscoveryModel();
    DiscoveryView view = new DiscoveryView(model, new javafx.scene.layout.Pane());
    PeerTable table = new PeerTable(model.peers);
    List<PeerRow> initial = new ArrayList<>(PEERS);
    for (int i = 0; i < PEERS; i++) {
      initial.add(PeerTableTest.row(i, TrustVerdict.Kind.TRUSTED));
    }
    table.apply(initial);
    Scene scene = new Scene(new javafx.scene.layout.StackPane(view.root()), 1280, 860);
    Theme.apply(scene, false);
    stage.setScene(scene);
    stage.show();

    List<Long> pulseNanos = Collections.synchronizedList(new ArrayList<>());
    List<Long> frameNanos = new ArrayList<>();
    long[] pulseStart = new long[1];
    boolean[] measuring = new boolean[1];
    scene.addPreLayoutPulseListener(() -> pulseStart[0] = System.nanoTime());
    scene.addPostLayoutPulseListener(
        () -> {
          if (measuring[0]) {
            pulseNanos.add(System.nanoTime() - pulseStart[0]);
          }
        });
    new AnimationTimer() {
      private long last;

      @Override
      public void handle(long now) {
        if (measuring[0] && last != 0) {
          frameNanos.add(now - last);
        }
        last = now;
      }
    }.start();

    ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor();
    int perTick = UPDATES_PER_SECOND / 20;
    feed.scheduleAtFixedRate(
        () -> {
          List<PeerRow> changed = new ArrayList<>(perTick);
          for (int i = 0; i < perTick; i++) {
            int id = ThreadLocalRandom.current().nextInt(PEERS);
            changed.add(
                PeerTableTest.row(
                    id,
                    ThreadLocalRandom.current().nextBoolean()
                        ? TrustVerdict.Kind.TRUSTED
                        : TrustVerdict.Kind.UNTRUSTED));
          }
          Platform.runLater(() -> table.update(changed));
        },
        0,
        50,
        TimeUnit.MILLISECONDS);
    feed.schedule(() -> Platform.runLater(() -> measuring[0] = true), 3, TimeUnit.SECONDS);
    feed.schedule(
        () ->
            Platform.runLater(
                () -> {
                  measuring[0] = false;
                  System.gc();
                  Runtime rt = Runtime.getRuntime();
                  long heap = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
                  System.out.printf(
                      "PEERS %d UPDATES_PER_S %d PULSES %d%n",
                      PEERS, UPDATES_PER_SECOND, pulseNanos.size());
                  System.out.printf(
                      "PULSE_LAYOUT_MS p50 %.2f p99 %.2f max %.2f%n",
                      pct(pulseNanos, 50), pct(pulseNanos, 99), pct(pulseNanos, 100));
                  System.out.printf(
                      "FRAME_INTERVAL_MS p50 %.2f p99 %.2f max %.2f%n",
                      pct(frameNanos, 50), pct(frameNanos, 99), pct(frameNanos, 100));
                  System.out.printf("HEAP_AFTER_GC_MB %d%n", heap);
                  feed.shutdownNow();
                  Platform.exit();
                }),
        3 + SECONDS,
        TimeUnit.SECONDS);
  }

  private static double pct(List<Long> nanos, int percentile) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index =
        Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
    return sorted.get(Math.max(0, index)) / 1_000_000.0;
  }
}
