package io.waypost.app.console.trust;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.ConsoleDiscovery;
import io.waypost.app.console.common.FxBindings;
import io.waypost.app.console.common.LiveRegistry;
import io.waypost.app.console.common.Notifications;
import io.waypost.app.console.common.ServiceChoice;
import io.waypost.app.console.common.Subscriptions;
import io.waypost.app.console.shell.Screen;
import io.waypost.core.client.ServiceClient;
import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.index.RegistryView.IndexedProvider;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.network.VerdictSnapshot;
import io.waypost.core.trust.TrustPolicy;
import io.waypost.core.trust.TrustVerdict;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.scene.Node;

/**
 * Trust: the chosen service's servers as a client sees them now and which one it would pick, the
 * providers the user trusts, custom servers and a pin.
 *
 * <p>One data path: the session's pushed {@link VerdictSnapshot}s, newly indexed registry events
 * and the user's own changes each ask {@link FxBindings.Recompute} for one read, made on a worker
 * thread (the policy is SQLite) with the newest snapshot's verdicts (never verifying again), and
 * shown on the FX thread. Every change of the policy is written on a worker thread too. All of it
 * is released on deactivate.
 */
public final class TrustController implements Screen, TrustActions {

  /** The newest verdict snapshot a session pushed (in order, so the newest is the latest). */
  private record Pushed(NetworkSession session, VerdictSnapshot snapshot) {}

  private final ConsoleContext context;
  private final Notifications notifications;
  private final TrustView view;
  private final Subscriptions subscriptions = new Subscriptions();
  private final Subscriptions verdictSubscription = new Subscriptions();
  private final AtomicReference<Pushed> pushed = new AtomicReference<>();
  private volatile FxBindings.Recompute<TrustSnapshot> reads;
  private volatile String service = "mailserver"; // written on the FX thread, read by workers

  public TrustController(ConsoleContext context, Notifications notifications) {
    this.context = context;
    this.notifications = notifications;
    this.view = new TrustView(this);
    view.service.getItems().setAll(ConsoleDiscovery.SERVICES);
    view.service.setValue(service);
    view.service
        .valueProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && !now.equals(service)) {
                service = now;
                Optional.ofNullable(reads).ifPresent(FxBindings.Recompute::request);
              }
            });
  }

  static boolean parses(String text) {
    if (text == null || text.isBlank()) {
      return true;
    }
    try {
      NodeRecords.parse(text);
      return true;
    } catch (InvalidRecordException e) {
      return false;
    }
  }

  @Override
  public Node view() {
    return view.root();
  }

  @Override
  public void onActivate() {
    reads = FxBindings.recompute(context.work(), this::read, this::show);
    subscriptions.add(reads);
    subscriptions.add(new LiveRegistry(context, reads::request));
    subscriptions.add(context.onDiscovery(discovery -> rebindVerdicts()));
    rebindVerdicts();
  }

  @Override
  public void onDeactivate() {
    verdictSubscription.closeAll();
    subscriptions.closeAll();
    pushed.set(null);
  }

  /** Listens to the session's verdict snapshots: each push is kept and asks for a read. */
  private void rebindVerdicts() {
    verdictSubscription.closeAll();
    FxBindings.Recompute<TrustSnapshot> current = reads;
    if (current == null) {
      return; // not shown yet: onActivate binds
    }
    pushed.set(null);
    context
        .discovery()
        .map(ConsoleDiscovery::session)
        .ifPresent(
            session ->
                verdictSubscription.add(
                    session.onVerdicts(
                        snapshot -> {
                          pushed.set(new Pushed(session, snapshot));
                          current.request();
                        })));
    current.request();
  }

  private Optional<ServiceClient> client() {
    String name = service;
    return context.discovery().map(d -> d.client(name));
  }

  /** Reads the policy and the index beside the newest pushed verdicts. Worker thread. */
  private TrustSnapshot read() {
    Optional<NetworkSession> session = context.session();
    Optional<ConsoleDiscovery> discovery = context.discovery();
    Optional<ServiceClient> client = client();
    if (session.isEmpty() || discovery.isEmpty() || client.isEmpty()) {
      return null;
    }
    ServiceClient c = client.get();
    TrustPolicy policy = discovery.get().policy();
    Pushed last = pushed.get();
    List<TrustVerdict> verdicts =
        last != null && last.session() == discovery.get().session()
            ? last.snapshot().of(c.service())
            : c.verdicts(); // before the session's first push only
    List<TrustPolicy.CustomServer> custom = policy.customServers(c.service());
    Optional<NodeId> pinned = c.selector().pinned();
    ServerPick pick =
        ServerPick.of(
            new ServerPick.Inputs(
                verdicts,
                c.known().stream()
                    .collect(
                        Collectors.toMap(
                            ServiceClient.KnownNode::nodeId, ServiceClient.KnownNode::liveness)),
                custom.stream()
                    .collect(
                        Collectors.toMap(
                            TrustPolicy.CustomServer::nodeId,
                            TrustPolicy.CustomServer::label,
                            (a, b) -> a)),
                pinned,
                c.selector()::isGraylisted),
            c.selector());
    Set<Address> trusted = policy.trustedProviders(session.get().profile());
    List<ProviderRow> providers =
        session.get().view().providers().stream()
            .filter(
                p ->
                    p.status() != ProviderStatus.REJECTED && p.status() != ProviderStatus.WITHDRAWN)
            .map(p -> providerRow(p, trusted, verdicts))
            .toList();
    List<String> services =
        ServiceChoice.names(session.get()).stream()
            .filter(name -> discovery.get().client(name) != null)
            .toList();
    return new TrustSnapshot(services, providers, custom, pick, pinState(pinned, pick));
  }

  private static ProviderRow providerRow(
      IndexedProvider provider, Set<Address> trusted, List<TrustVerdict> verdicts) {
    Map<TrustVerdict.Kind, Long> kinds =
        verdicts.stream()
            .filter(v -> v.provider().filter(provider.address()::equals).isPresent())
            .collect(Collectors.groupingBy(TrustVerdict::kind, Collectors.counting()));
    String servers =
        kinds.isEmpty()
            ? "none seen"
            : kinds.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
    return new ProviderRow(
        provider.address(),
        provider.name(),
        provider.status(),
        trusted.contains(provider.address()),
        servers);
  }

  private static String pinState(Optional<NodeId> pinned, ServerPick pick) {
    if (pinned.isEmpty()) {
      return "No server is pinned: the client picks by the rule above.";
    }
    Optional<ServerRow> row =
        pick.rows().stream().filter(r -> r.nodeId().equals(pinned.get())).findFirst();
    String name = row.map(r -> r.name() + " (" + r.shortId() + ")").orElse(pinned.get().toString());
    return row.filter(r -> r.rank() == 0).isPresent()
        ? "Pinned: " + name + ". It works, so a client uses it."
        : "Pinned: " + name + ". It is not usable now, so a client falls back to the rule.";
  }

  /** FX thread. */
  private void show(TrustSnapshot shown) {
    ServiceChoice.show(view.service, shown.services());
    List<ServerRow> rows = shown.pick().rows();
    view.showGlance(rows);
    view.preview.setText(shown.pick().preview());
    TrustTables.show(view.servers, rows, ServerRow::nodeId);
    TrustTables.show(view.providers, shown.providers(), ProviderRow::address);
    view.custom.show(
        shown.custom(),
        rows.stream().collect(Collectors.toMap(ServerRow::nodeId, Function.identity())));
    view.pin.show(
        rows.stream().filter(r -> r.verdict().usable()).toList(),
        shown.pinState(),
        shown.pinState().startsWith("Pinned"));
  }

  @Override
  public void trust(ProviderRow provider, boolean trust) {
    inBackground(
        trust ? "Trusting " + provider.name() : "No longer trusting " + provider.name(),
        () -> {
          NetworkSession session = context.session().orElseThrow();
          ConsoleDiscovery discovery = context.discovery().orElseThrow();
          Set<Address> trusted =
              new HashSet<>(discovery.policy().trustedProviders(session.profile()));
          if (trust) {
            trusted.add(provider.address());
          } else {
            trusted.remove(provider.address());
          }
          discovery.policy().trustProviders(session.profile(), trusted);
          discovery.session().policyChanged();
        });
  }

  /**
   * Runs a change of the policy (SQLite) on a worker thread; a failure is told, then read again.
   */
  private void inBackground(String what, Runnable change) {
    context
        .work()
        .execute(
            () -> {
              try {
                change.run();
              } catch (RuntimeException e) {
                notifications.error(what + " failed", e);
              }
              FxBindings.Recompute<TrustSnapshot> current = reads;
              if (current != null) {
                current.request();
              }
            });
  }

  @Override
  public void addCustom(String recordText, String labelText) {
    String record = recordText == null ? "" : recordText.strip();
    String label = labelText == null || labelText.isBlank() ? "custom server" : labelText.strip();
    if (record.isEmpty()) {
      refuse("paste a node's ENR (enr:…) or enode URL first");
      return;
    }
    try {
      NodeRecords.parse(record);
    } catch (InvalidRecordException e) {
      refuse(e.getMessage());
      return;
    }
    Optional<ServiceClient> client = client();
    if (client.isEmpty()) {
      refuse("discovery has not started yet; try again in a moment");
      return;
    }
    view.custom.record.clear();
    view.custom.label.clear();
    view.custom.error.setText("");
    inBackground(
        "Adding the custom server",
        () -> {
          try {
            client.get().addCustom(record, label);
          } catch (InvalidRecordException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
          }
        });
  }

  private void refuse(String why) {
    view.custom.error.setText("Refused: " + why);
    notifications.show(Notifications.Level.ERROR, "Not a server record", why);
  }

  @Override
  public void removeCustom(NodeId node) {
    Optional<ServiceClient> client = client();
    if (client.isEmpty()) {
      return;
    }
    inBackground("Removing the custom server", () -> client.get().removeCustom(node));
  }

  @Override
  public void pin(Optional<NodeId> node) {
    Optional<ServiceClient> client = client();
    Optional<ConsoleDiscovery> discovery = context.discovery();
    if (client.isEmpty() || discovery.isEmpty()) {
      return;
    }
    TrustPolicy policy = discovery.get().policy();
    inBackground(
        node.isPresent() ? "Pinning the server" : "Unpinning",
        () -> {
          node.ifPresentOrElse(client.get().selector()::pin, client.get().selector()::unpin);
          policy.pin(client.get().service(), node);
          client.get().reverify();
        });
  }
}
