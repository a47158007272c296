package io.waypost.app.console.discovery;

import io.waypost.app.console.common.FxBindings;
import io.waypost.app.console.shell.Theme;
import io.waypost.core.client.ServiceClient.KnownNode;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.trust.CheckOutcome;
import io.waypost.core.trust.Observation;
import io.waypost.core.trust.TrustCheck;
import io.waypost.core.trust.TrustVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt64;
import org.ethereum.beacon.discovery.schema.EnrField;
import org.ethereum.beacon.discovery.schema.IdentitySchema;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordFactory;

/**
 * The Discovery screen with 10,000 nodes while 200 verdicts a second change, on the path the
 * controller takes: a new immutable verdict list every 100 ms (the session's coalescing interval)
 * with 20 verdicts changed, each list handed to the controller's conflating hop ({@link
 * FxBindings#recompute}) whose worker builds every row with the controller's own {@link
 * DiscoveryController#rows} and keeps what changed ({@link PeerTable.Differ}), and whose FX step
 * applies only those changes ({@link PeerTable#apply}) under the real {@link DiscoveryView}, sorted
 * by verdict. Measured from inside the app over 20 s after 3 s of warm-up: each pulse's CSS and
 * layout (pre- to post-layout pulse listener), the interval between frames, the delay from a list's
 * push to its rows being on the table, then the heap after a GC. Run with {@code bench/console.sh
 * table}.
 */
public final class DiscoveryTableBenchmark extends Application {

  private static final int NODES = 10_000;
  private static final int CHANGES_PER_SECOND = 200;
  private static final int PUSH_MILLIS = 100;
  private static final int SECONDS = 20;

  /** The entry point; a class that is not an Application, so the JavaFX launcher check passes. */
  public static final class Main {
    public static void main(String[] args) {
      Application.launch(DiscoveryTableBenchmark.class, args);
    }
  }

  /** A pushed verdict list and when it was pushed. */
  private record Push(List<TrustVerdict> verdicts, long nanos) {}

  /** The changes built from a push, and when the newest push behind them was made. */
  private record Built(PeerTable.Changes changes, String summary, long pushedNanos) {
    Built then(Built newer) {
      return new Built(changes.then(newer.changes()), newer.summary(), newer.pushedNanos());
    }
  }

  @Override
  public void start(Stage stage) {
    DiscoveryModel model = new DiscoveryModel();
    DiscoveryView view = new DiscoveryView(model, new javafx.scene.layout.Pane());
    PeerTable table = new PeerTable(model.peers);
    Map<NodeId, KnownNode> known = new HashMap<>();
    List<TrustVerdict> verdicts = new ArrayList<>(NODES);
    for (int i = 0; i < NODES; i++) {
      NodeId id = nodeId(i);
      known.put(id, knownNode(id, i));
      verdicts.add(
          verdict(id, i % 3 == 0 ? TrustVerdict.Kind.UNTRUSTED : TrustVerdict.Kind.TRUSTED));
    }
    Scene scene = new Scene(new javafx.scene.layout.StackPane(view.root()), 1280, 860);
    Theme.apply(scene, false);
    stage.setScene(scene);
    stage.show();
    TableColumn<PeerRow, ?> verdictColumn = view.table.getColumns().get(1);
    view.table.getSortOrder().setAll(List.of(verdictColumn));

    List<Long> pulseNanos = Collections.synchronizedList(new ArrayList<>());
    List<Long> frameNanos = new ArrayList<>();
    List<Long> pushToTableNanos = new ArrayList<>();
    long[] pulseStart = new long[1];
    boolean[] measuring = new boolean[1];
    int[] rowsShown = new int[1];
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

    ExecutorService worker = Executors.newVirtualThreadPerTaskExecutor();
    AtomicReference<Push> newest =
        new AtomicReference<>(new Push(List.copyOf(verdicts), System.nanoTime()));
    PeerTable.Differ differ = new PeerTable.Differ();
    FxBindings.Recompute<Built> hop =
        FxBindings.recompute(
            worker,
            () -> {
              Push push = newest.get();
              List<PeerRow> rows =
                  DiscoveryController.rows(
                      push.verdicts(), id -> Optional.ofNullable(known.get(id)));
              return new Built(
                  differ.diff("mailserver", rows),
                  DiscoveryController.summary("mailserver", push.verdicts()),
                  push.nanos());
            },
            Built::then,
            built -> {
              table.apply(built.changes());
              model.summary.set(built.summary());
              rowsShown[0] = model.peers.size();
              if (measuring[0]) {
                pushToTableNanos.add(System.nanoTime() - built.pushedNanos());
              }
            });
    hop.request();

    ScheduledExecutorService session = Executors.newSingleThreadScheduledExecutor();
    Random random = new Random(42);
    int perPush = CHANGES_PER_SECOND * PUSH_MILLIS / 1000;
    session.scheduleAtFixedRate(
        () -> {
          for (int i = 0; i < perPush; i++) {
            int at = random.nextInt(NODES);
            TrustVerdict was = verdicts.get(at);
            verdicts.set(
                at,
                verdict(
                    was.nodeId(),
                    was.kind() == TrustVerdict.Kind.TRUSTED
                        ? TrustVerdict.Kind.UNTRUSTED
                        : TrustVerdict.Kind.TRUSTED));
          }
          newest.set(new Push(List.copyOf(verdicts), System.nanoTime()));
          hop.request();
        },
        PUSH_MILLIS,
        PUSH_MILLIS,
        TimeUnit.MILLISECONDS);
    session.schedule(() -> Platform.runLater(() -> measuring[0] = true), 3, TimeUnit.SECONDS);
    session.schedule(
        () ->
            Platform.runLater(
                () -> {
                  measuring[0] = false;
                  hop.close();
                  System.gc();
                  Runtime rt = Runtime.getRuntime();
                  long heap = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
                  System.out.printf(
                      "NODES %d ROWS_SHOWN %d CHANGES_PER_S %d PUSHES_PER_S %d PULSES %d%n",
                      NODES,
                      rowsShown[0],
                      CHANGES_PER_SECOND,
                      1000 / PUSH_MILLIS,
                      pulseNanos.size());
                  System.out.printf(
                      "PULSE_LAYOUT_MS p50 %.2f p99 %.2f max %.2f%n",
                      pct(pulseNanos, 50), pct(pulseNanos, 99), pct(pulseNanos, 100));
                  System.out.printf(
                      "FRAME_INTERVAL_MS p50 %.2f p99 %.2f max %.2f%n",
                      pct(frameNanos, 50), pct(frameNanos, 99), pct(frameNanos, 100));
                  System.out.printf(
                      "PUSH_TO_TABLE_MS p50 %.2f p99 %.2f max %.2f (%d lists shown)%n",
                      pct(pushToTableNanos, 50),
                      pct(pushToTableNanos, 99),
                      pct(pushToTableNanos, 100),
                      pushToTableNanos.size());
                  System.out.printf("HEAP_AFTER_GC_MB %d%n", heap);
                  session.shutdownNow();
                  worker.shutdownNow();
                  Platform.exit();
                }),
        3 + SECONDS,
        TimeUnit.SECONDS);
  }

  private static NodeId nodeId(int i) {
    return new NodeId(Bytes32.leftPad(Bytes.ofUnsignedInt(i)));
  }

  /** A node as a client knows it, with a record holding its address (unsigned: not checked). */
  private static KnownNode knownNode(NodeId id, int i) {
    NodeRecord record =
        NodeRecordFactory.DEFAULT.createFromValues(
            UInt64.ONE,
            new EnrField(EnrField.ID, IdentitySchema.V4),
            new EnrField(EnrField.IP_V4, Bytes.of(127, 0, (i >> 8) & 0xff, i & 0xff)),
            new EnrField(EnrField.UDP, 30303));
    return new KnownNode(
        id,
        record,
        Bytes.EMPTY,
        Set.of(Observation.Advertisement.TOPIC_AD),
        Optional.empty(),
        Observation.Liveness.notYetProbed(),
        Instant.EPOCH,
        1,
        false);
  }

  private static TrustVerdict verdict(NodeId id, TrustVerdict.Kind kind) {
    List<CheckOutcome> checks =
        kind == TrustVerdict.Kind.TRUSTED
            ? List.of(CheckOutcome.pass(TrustCheck.REGISTERED, "registered by Status"))
            : List.of(CheckOutcome.fail(TrustCheck.PROVIDER_APPROVED, "Old Mail Co is suspended"));
    return new TrustVerdict(
        id,
        ServiceId.of("mailserver"),
        kind,
        checks,
        Optional.empty(),
        Optional.of(kind == TrustVerdict.Kind.TRUSTED ? "Status" : "Old Mail Co"),
        Optional.empty());
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
