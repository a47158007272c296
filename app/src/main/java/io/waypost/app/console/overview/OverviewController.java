package io.waypost.app.console.overview;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.ConsoleDiscovery;
import io.waypost.app.console.common.FxBindings;
import io.waypost.app.console.common.LiveRegistry;
import io.waypost.app.console.common.Repeating;
import io.waypost.app.console.common.Subscriptions;
import io.waypost.app.console.shell.Focus;
import io.waypost.app.console.shell.NavigationTarget;
import io.waypost.app.console.shell.Screen;
import io.waypost.core.chain.JournalEntry;
import io.waypost.core.chain.TxState;
import io.waypost.core.index.IndexedEvent;
import io.waypost.core.index.IndexerState;
import io.waypost.core.index.RegistryView;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.trust.CheckOutcome;
import io.waypost.core.trust.TrustCheck;
import io.waypost.core.trust.TrustVerdict;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javafx.scene.Node;

/**
 * Overview: is the network healthy? Cards per service (trusted / registered / seen, with the
 * trend), pending applications and transactions needing action, the endpoint and the index's lag,
 * failed checks by kind, the latest registry events; each card opens the screen that acts on it.
 *
 * <p>Its data path: pushed verdicts, newly indexed events, journal changes and account changes each
 * ask for one read (conflated) on a worker thread; the snapshot is drawn on the FX thread. The only
 * timer asks the endpoint for its head block every few seconds: nothing pushes that.
 */
public final class OverviewController implements Screen {

  private static final Duration RPC_CHECK = Duration.ofSeconds(5);
  private static final Duration TREND_WINDOW = Duration.ofMinutes(1);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss zzz", Locale.ROOT).withZone(ZoneId.systemDefault());

  private final ConsoleContext context;
  private final OverviewView view;
  private final Subscriptions subscriptions = new Subscriptions();
  private final Deque<Sample> trusted = new ArrayDeque<>(); // read() only, which is serial
  private volatile Health.Rpc rpc = Health.Rpc.NOT_ASKED;
  private volatile FxBindings.Recompute<Health> reads;
  private ScheduledFuture<?> rpcCheck;

  private record Sample(Instant at, Map<String, Long> trusted) {}

  public OverviewController(ConsoleContext context, BiConsumer<NavigationTarget, Focus> open) {
    this.context = context;
    this.view = new OverviewView(open);
    view.show(Health.starting());
  }

  @Override
  public Node view() {
    return view.root();
  }

  @Override
  public void onActivate() {
    FxBindings.Recompute<Health> current =
        FxBindings.recompute(context.work(), this::read, view::show);
    reads = current;
    subscriptions.add(current);
    subscriptions.add(new LiveRegistry(context, current::request));
    subscriptions.add(
        context.onSession(
            session ->
                subscriptions.add(
                    session.chain().journal().subscribe(entry -> current.request()))));
    // The session pushes a snapshot when verdicts change, and each second of an outage: the
    // index's "stale for" grows on screen.
    subscriptions.add(
        context.onSession(
            session -> subscriptions.add(session.onVerdicts(snapshot -> current.request()))));
    subscriptions.add(context.onDiscovery(this::listen));
    rpcCheck =
        Repeating.every(context.scheduler(), RPC_CHECK, "The endpoint check", this::checkRpc);
  }

  @Override
  public void onDeactivate() {
    if (rpcCheck != null) {
      rpcCheck.cancel(false);
    }
    subscriptions.closeAll();
  }

  private void listen(ConsoleDiscovery discovery) {
    discovery
        .clients()
        .forEach((name, client) -> subscriptions.add(client.onVerdicts(verdicts -> request())));
    request();
  }

  private void request() {
    FxBindings.Recompute<Health> current = reads;
    if (current != null) {
      current.request();
    }
  }

  /** Asks the endpoint for its head block, timing the answer. Scheduler thread. */
  private void checkRpc() {
    Optional<NetworkSession> session = context.session();
    if (session.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    Health.Rpc next;
    try {
      long head =
          session.get().chain().web3j().ethBlockNumber().send().getBlockNumber().longValue();
      next = new Health.Rpc(true, (System.nanoTime() - start) / 1_000_000, head, "");
    } catch (Exception e) {
      next =
          new Health.Rpc(
              false,
              (System.nanoTime() - start) / 1_000_000,
              rpc.headBlock(),
              e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    boolean changed = !next.equals(rpc);
    rpc = next;
    if (changed) {
      request();
    }
  }

  /** Reads the whole snapshot. Worker thread, one read at a time. */
  private Health read() {
    Optional<NetworkSession> current = context.session();
    if (current.isEmpty()) {
      return null;
    }
    NetworkSession session = current.get();
    RegistryView registry = session.view();
    Health.Rpc endpoint = rpc;
    String network =
        session.profile().name()
            + " · chain "
            + session.profile().chainId()
            + " · "
            + session.profile().rpc();

    Map<ServiceId, String> catalogue = registry.services();
    Map<String, Long> registered = new HashMap<>();
    for (RegistryView.IndexedNode node : registry.nodes()) {
      registered.merge(
          catalogue.getOrDefault(node.serviceId(), node.serviceId().toString()), 1L, Long::sum);
    }
    Map<String, Long> trustedNow = new HashMap<>();
    Map<TrustCheck, Long> failed = new EnumMap<>(TrustCheck.class);
    List<Health.ServiceHealth> services = new ArrayList<>();
    Instant now = context.clock().instant();
    Map<String, Long> before = trendBase(now);
    for (String name : catalogue.values().stream().sorted().toList()) {
      List<TrustVerdict> verdicts = verdicts(name);
      long usable = verdicts.stream().filter(v -> v.kind() == TrustVerdict.Kind.TRUSTED).count();
      trustedNow.put(name, usable);
      for (TrustVerdict verdict : verdicts) {
        for (CheckOutcome check : verdict.failing()) {
          failed.merge(check.check(), 1L, Long::sum);
        }
      }
      services.add(
          new Health.ServiceHealth(
              name,
              usable,
              registered.getOrDefault(name, 0L),
              verdicts.size(),
              usable - before.getOrDefault(name, usable)));
    }
    remember(now, trustedNow);

    List<String> pending =
        registry.providers().stream()
            .filter(p -> p.status() == ProviderStatus.PENDING)
            .map(RegistryView.IndexedProvider::name)
            .toList();
    List<String> transactions =
        session.chain().journal().recent(session.chain().chainId(), 50).stream()
            .filter(OverviewController::needsAction)
            .limit(5)
            .map(e -> e.summary() + " — " + e.state().name().toLowerCase(Locale.ROOT))
            .toList();
    List<String> events =
        registry.auditTrail(5).stream().map(OverviewController::describe).toList();
    Optional<String> discovery =
        context
            .discovery()
            .map(d -> d.node().knownNodes().count() + " nodes in the console's discovery table");
    return new Health(
        network,
        endpoint,
        index(session.indexer().state(), endpoint, now),
        List.copyOf(services),
        pending,
        transactions,
        Map.copyOf(failed),
        events,
        discovery);
  }

  /** A service's verdicts now (pushes only say they changed: they may come out of order). */
  private List<TrustVerdict> verdicts(String service) {
    return context
        .discovery()
        .map(d -> d.client(service))
        .map(client -> client.verdicts())
        .orElse(List.of());
  }

  /** The trusted counts of about a minute ago (or the oldest kept, if the screen is younger). */
  private Map<String, Long> trendBase(Instant now) {
    Map<String, Long> base = Map.of();
    for (Sample sample : trusted) {
      base = sample.trusted();
      if (!sample.at().isBefore(now.minus(TREND_WINDOW))) {
        break;
      }
    }
    return base;
  }

  private void remember(Instant now, Map<String, Long> counts) {
    trusted.addLast(new Sample(now, Map.copyOf(counts)));
    while (trusted.size() > 2
        && trusted.peekFirst().at().isBefore(now.minus(TREND_WINDOW.multipliedBy(2)))) {
      trusted.removeFirst();
    }
  }

  private static boolean needsAction(JournalEntry entry) {
    return entry.state() != TxState.MINED;
  }

  static String describe(IndexedEvent event) {
    String about =
        event.details().entrySet().stream()
            .filter(e -> !e.getValue().isEmpty())
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    return TIME.format(event.timestamp())
        + "  "
        + event.name()
        + (about.isEmpty() ? "" : " — " + about);
  }

  private static Health.Index index(IndexerState state, Health.Rpc rpc, Instant now) {
    return switch (state) {
      case IndexerState.Starting s -> new Health.Index("starting", -1, false);
      case IndexerState.Synced s -> {
        long lag = rpc.headBlock() < 0 ? -1 : Math.max(0, rpc.headBlock() - s.block());
        yield new Health.Index("synced at block " + s.block(), lag, true);
      }
      case IndexerState.Syncing s ->
          new Health.Index(
              String.format(
                  Locale.ROOT,
                  "catching up: block %d of %d (%.0f %%)",
                  s.block(),
                  s.target(),
                  s.progress() * 100),
              s.target() - s.block(),
              false);
      case IndexerState.Stale s ->
          new Health.Index(
              "stale for "
                  + Duration.between(s.lastSynced(), now).toSeconds()
                  + " s: "
                  + s.reason(),
              rpc.headBlock() < 0 || s.block().isEmpty()
                  ? -1
                  : rpc.headBlock() - s.block().getAsLong(),
              false);
    };
  }
}
