package io.waypost.app.console.overview;

import io.waypost.app.console.AccountOption;
import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.common.Subscriptions;
import io.waypost.app.console.shell.Screen;
import io.waypost.core.index.IndexerState;
import io.waypost.core.index.RegistryView;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.network.NetworkSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;

/** Overview: network, chain, head block, registry, index freshness and counts, kept live. */
public final class OverviewController implements Screen {

  private final ConsoleContext context;
  private final OverviewModel model = new OverviewModel();
  private final OverviewView view = new OverviewView(model);
  private final Subscriptions subscriptions = new Subscriptions();
  private ScheduledFuture<?> ticker;

  public OverviewController(ConsoleContext context) {
    this.context = context;
  }

  @Override
  public Node view() {
    return view.root();
  }

  @Override
  public void onActivate() {
    subscriptions.add(context.onSession(session -> refresh()));
    subscriptions.add(
        context.onAccount(
            account ->
                UiThread.run(
                    () -> model.account.set(account.map(AccountOption::toString).orElse("–")))));
    // Head block and the index's age change without events: refresh once a second while shown.
    ticker = context.scheduler().scheduleWithFixedDelay(this::refresh, 0, 1, TimeUnit.SECONDS);
  }

  @Override
  public void onDeactivate() {
    if (ticker != null) {
      ticker.cancel(false);
    }
    subscriptions.closeAll();
  }

  /** Reads everything off the FX thread, then shows it on the FX thread. */
  private void refresh() {
    Optional<NetworkSession> current = context.session();
    if (current.isEmpty()) {
      return;
    }
    NetworkSession session = current.get();
    String head;
    try {
      head = session.chain().web3j().ethBlockNumber().send().getBlockNumber().toString();
    } catch (Exception unreachable) {
      head = "unreachable";
    }
    RegistryView registry = session.view();
    String indexer = describe(session.indexer().state());
    String providers = describeProviders(registry.providerCounts());
    String nodes = describeNodes(registry);
    String network = session.profile().name() + " — " + session.profile().rpc();
    String chain = Long.toString(session.profile().chainId());
    String address = session.profile().registry().checksummed();
    String headBlock = head;
    String[] discovery = describeDiscovery();
    UiThread.run(
        () -> {
          model.network.set(network);
          model.chainId.set(chain);
          model.headBlock.set(headBlock);
          model.registry.set(address);
          model.indexer.set(indexer);
          model.providers.set(providers);
          model.nodes.set(nodes);
          model.discoveryEnr.set(discovery[0]);
          model.discovery.set(discovery[1]);
        });
  }

  private String describe(IndexerState state) {
    return switch (state) {
      case IndexerState.Starting s -> "starting";
      case IndexerState.Synced s -> "synced at block " + s.block();
      case IndexerState.Syncing s ->
          String.format(
              "syncing: block %d of %d (%.0f %%)", s.block(), s.target(), s.progress() * 100);
      case IndexerState.Stale s ->
          "stale for "
              + Duration.between(s.lastSynced(), Instant.now(context.clock())).toSeconds()
              + " s"
              + s.block().stream().mapToObj(b -> " (last block " + b + ")").findFirst().orElse("")
              + ": "
              + s.reason();
    };
  }

  static String describeProviders(Map<ProviderStatus, Integer> counts) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    String detail =
        counts.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase())
            .collect(Collectors.joining(", "));
    return total + (detail.isEmpty() ? "" : " (" + detail + ")");
  }

  private static String describeNodes(RegistryView registry) {
    var names = registry.services();
    Map<String, Long> byService =
        registry.nodes().stream()
            .collect(
                Collectors.groupingBy(
                    n -> names.getOrDefault(n.serviceId(), n.serviceId().toString()),
                    java.util.TreeMap::new,
                    Collectors.counting()));
    long total = byService.values().stream().mapToLong(Long::longValue).sum();
    return total
        + " registrations"
        + byService.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", ", " (", ")"));
  }

  /** The console's discovery node: its ENR, and what it sees per service. */
  private String[] describeDiscovery() {
    return context
        .session()
        .flatMap(s -> s.discovery().map(node -> java.util.Map.entry(s, node)))
        .map(
            d -> {
              long table = d.getValue().knownNodes().count();
              String services =
                  d.getKey().clientsByName().entrySet().stream()
                      .map(
                          e -> {
                            var verdicts = e.getValue().verdicts();
                            long trusted =
                                verdicts.stream()
                                    .filter(
                                        v ->
                                            v.kind()
                                                == io.waypost.core.trust.TrustVerdict.Kind.TRUSTED)
                                    .count();
                            return e.getKey()
                                + ": "
                                + verdicts.size()
                                + " seen, "
                                + trusted
                                + " trusted";
                          })
                      .collect(Collectors.joining("; "));
              return new String[] {
                d.getValue().localEnr(), table + " nodes in its table; " + services
              };
            })
        .orElse(new String[] {"starting …", "–"});
  }
}
