package io.waypost.app.console.discovery;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.common.Notifications;
import io.waypost.app.console.shell.Theme;
import io.waypost.core.client.ServiceClient.KnownNode;
import io.waypost.core.index.IndexerState;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.VerdictSnapshot;
import io.waypost.core.network.VerdictStream;
import io.waypost.core.trust.CheckOutcome;
import io.waypost.core.trust.Observation;
import io.waypost.core.trust.TrustCheck;
import io.waypost.core.trust.TrustVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt64;
import org.ethereum.beacon.discovery.schema.EnrField;
import org.ethereum.beacon.discovery.schema.IdentitySchema;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordFactory;

/**
 * The Discovery screen with 10,000 nodes while 200 verdicts a second change, on the app's path: the
 * real {@link DiscoveryController} (built with a real {@link ConsoleContext}, activated as the
 * shell activates it, its view in a 1280×860 window with the console's theme, a node chosen so its
 * sheet follows every refresh) fed by core's {@link VerdictStream}, the stream a {@code
 * NetworkSession} pushes its snapshots through: one verdict flipped every 5 ms on the stream's
 * scheduler, each flip telling the stream that something changed, the stream coalescing them into
 * one immutable snapshot of all 10,000 verdicts every 100 ms. Measured from inside the app over 20
 * s after 3 s of warm-up: each pulse's CSS and layout (pre- to post-layout pulse listener), over
 * all pulses and over those that lay out a change of the rows, the FX thread's applying of one
 * build (from its first row change to its summary), the interval between frames, the delay from a
 * verdict's change to its row on the table, then the heap after a GC. Run with {@code
 * bench/console.sh table}.
 */
public final class DiscoveryTableBenchmark extends Application {

  private static final int NODES = 10_000;
  private static final int CHANGES_PER_SECOND = 200;
  private static final int WARM_UP_SECONDS = 3;
  private static final int SECONDS = 20;
  private static final ServiceId MAIL = ServiceId.of("mailserver");

  /** The entry point; a class that is not an Application, so the JavaFX launcher check passes. */
  public static final class Main {
    public static void main(String[] args) {
      Application.launch(DiscoveryTableBenchmark.class, args);
    }
  }

  /** A verdict flipped to {@code kind} at {@code nanos}, not yet seen on the table. */
  private record Flip(TrustVerdict.Kind kind, long nanos) {}

  private final ScheduledExecutorService sessionScheduler =
      Executors.newSingleThreadScheduledExecutor();
  private ConsoleContext context;
  private DiscoveryController controller;
  private VerdictStream stream;

  @Override
  public void start(Stage stage) throws Exception {
    Path dir = Files.createTempDirectory("waypost-table-bench");
    // A real context (store, workers, scheduler) with no devnet or session started: the screen's
    // only source is the stream below.
    context = new ConsoleContext(ConsoleContext.Config.embedded(dir), Clock.systemUTC());
    Map<NodeId, KnownNode> known = new HashMap<>();
    TrustVerdict[] verdicts = new TrustVerdict[NODES]; // in node id order, as a session sorts them
    for (int i = 0; i < NODES; i++) {
      NodeId id = nodeId(i);
      known.put(id, knownNode(id, i));
      verdicts[i] =
          verdict(id, i % 3 == 0 ? TrustVerdict.Kind.UNTRUSTED : TrustVerdict.Kind.TRUSTED);
    }
    stream =
        new VerdictStream(
            sessionScheduler,
            sequence ->
                new VerdictSnapshot(
                    sequence,
                    Instant.now(),
                    new IndexerState.Synced(1, Instant.now()),
                    Map.of(MAIL, "mailserver"),
                    Map.of(MAIL, List.of(verdicts))));
    PeerFeed feed =
        new PeerFeed() {
          @Override
          public AutoCloseable onVerdicts(Consumer<VerdictSnapshot> subscriber) {
            return stream.subscribe(subscriber);
          }

          @Override
          public Optional<KnownNode> known(ServiceId service, NodeId node) {
            return Optional.ofNullable(known.get(node));
          }

          @Override
          public AutoCloseable onNodesChanged(Runnable listener) {
            return () -> {}; // the nodes' records and liveness stay as built
          }
        };
    sessionScheduler.execute(stream::changed); // the session's first snapshot
    controller =
        new DiscoveryController(
            context,
            new Notifications(),
            listener -> {
              listener.accept(feed);
              return () -> {};
            });

    Scene scene = new Scene(new javafx.scene.layout.StackPane(controller.view()), 1280, 860);
    Theme.apply(scene, false);
    stage.setScene(scene);
    stage.show();
    controller.onActivate();
    @SuppressWarnings("unchecked")
    TableView<PeerRow> table = (TableView<PeerRow>) scene.lookup("#discovery-table");
    table.getSortOrder().setAll(List.of(table.getColumns().get(1))); // by verdict

    List<Long> pulseNanos = new ArrayList<>();
    List<Long> changedPulseNanos = new ArrayList<>(); // pulses laying out a change of the rows
    boolean[] rowsChanged = new boolean[1];
    List<Long> applyNanos = new ArrayList<>(); // the FX thread applying one build's changes
    long[] applyStart = new long[1];
    List<Long> frameNanos = new ArrayList<>();
    List<Long> changeToTableNanos = new ArrayList<>();
    Map<NodeId, Flip> flips = new ConcurrentHashMap<>();
    long[] pulseStart = new long[1];
    boolean[] measuring = new boolean[1];
    scene.addPreLayoutPulseListener(() -> pulseStart[0] = System.nanoTime());
    scene.addPostLayoutPulseListener(
        () -> {
          if (measuring[0]) {
            long took = System.nanoTime() - pulseStart[0];
            pulseNanos.add(took);
            if (rowsChanged[0]) {
              changedPulseNanos.add(took);
            }
          }
          rowsChanged[0] = false;
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
    table
        .getItems()
        .addListener(
            (ListChangeListener<PeerRow>)
                change -> {
                  long now = System.nanoTime();
                  rowsChanged[0] = true;
                  if (applyStart[0] == 0) {
                    applyStart[0] = now;
                  }
                  while (change.next()) {
                    if (!change.wasAdded()) {
                      continue;
                    }
                    for (PeerRow row : change.getAddedSubList()) {
                      Flip flip = flips.get(row.node().nodeId());
                      if (flip != null
                          && flip.kind() == row.verdict().kind()
                          && flips.remove(row.node().nodeId(), flip)
                          && measuring[0]) {
                        changeToTableNanos.add(now - flip.nanos());
                      }
                    }
                  }
                });

    // A build's changes are applied, then its summary is set, in one FX task: from its first row
    // change to its summary is the FX thread's cost of applying it.
    ((javafx.scene.control.Label) scene.lookup("#discovery-summary"))
        .textProperty()
        .addListener(
            (o, was, now) -> {
              if (applyStart[0] != 0 && measuring[0]) {
                applyNanos.add(System.nanoTime() - applyStart[0]);
              }
              applyStart[0] = 0;
            });

    Random random = new Random(42);
    sessionScheduler.scheduleAtFixedRate(
        () -> {
          int at = random.nextInt(NODES);
          TrustVerdict was = verdicts[at];
          TrustVerdict.Kind kind =
              was.kind() == TrustVerdict.Kind.TRUSTED
                  ? TrustVerdict.Kind.UNTRUSTED
                  : TrustVerdict.Kind.TRUSTED;
          verdicts[at] = verdict(was.nodeId(), kind);
          flips.put(was.nodeId(), new Flip(kind, System.nanoTime()));
          stream.changed();
        },
        1000 / CHANGES_PER_SECOND,
        1000 / CHANGES_PER_SECOND,
        TimeUnit.MILLISECONDS);
    sessionScheduler.schedule(
        () ->
            Platform.runLater(
                () -> {
                  table.getSelectionModel().select(0); // its sheet follows every refresh
                  measuring[0] = true;
                }),
        WARM_UP_SECONDS,
        TimeUnit.SECONDS);
    sessionScheduler.schedule(
        () ->
            Platform.runLater(
                () -> {
                  measuring[0] = false;
                  controller.onDeactivate();
                  System.gc();
                  Runtime rt = Runtime.getRuntime();
                  long heap = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
                  System.out.printf(
                      "NODES %d ROWS_SHOWN %d CHANGES_PER_S %d SNAPSHOTS %d PULSES %d%n",
                      NODES,
                      table.getItems().size(),
                      CHANGES_PER_SECOND,
                      stream.latest().map(VerdictSnapshot::sequence).orElse(0L),
                      pulseNanos.size());
                  System.out.printf(
                      "PULSE_LAYOUT_MS p50 %.2f p99 %.2f max %.2f%n",
                      pct(pulseNanos, 50), pct(pulseNanos, 99), pct(pulseNanos, 100));
                  System.out.printf(
                      "PULSE_AFTER_CHANGE_MS p50 %.2f p99 %.2f max %.2f (%d pulses)%n",
                      pct(changedPulseNanos, 50),
                      pct(changedPulseNanos, 99),
                      pct(changedPulseNanos, 100),
                      changedPulseNanos.size());
                  System.out.printf(
                      "FX_APPLY_MS p50 %.2f p99 %.2f max %.2f (%d builds)%n",
                      pct(applyNanos, 50),
                      pct(applyNanos, 99),
                      pct(applyNanos, 100),
                      applyNanos.size());
                  System.out.printf(
                      "FRAME_INTERVAL_MS p50 %.2f p99 %.2f max %.2f%n",
                      pct(frameNanos, 50), pct(frameNanos, 99), pct(frameNanos, 100));
                  System.out.printf(
                      "CHANGE_TO_TABLE_MS p50 %.2f p99 %.2f max %.2f (%d changes seen)%n",
                      pct(changeToTableNanos, 50),
                      pct(changeToTableNanos, 99),
                      pct(changeToTableNanos, 100),
                      changeToTableNanos.size());
                  System.out.printf("HEAP_AFTER_GC_MB %d%n", heap);
                  Platform.exit();
                }),
        WARM_UP_SECONDS + SECONDS,
        TimeUnit.SECONDS);
  }

  @Override
  public void stop() {
    sessionScheduler.shutdownNow();
    if (stream != null) {
      stream.close();
    }
    if (context != null) {
      context.close();
    }
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
        MAIL,
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
