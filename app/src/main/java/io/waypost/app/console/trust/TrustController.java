package io.waypost.app.console.trust;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.ConsoleDiscovery;
import io.waypost.app.console.common.FxBindings;
import io.waypost.app.console.common.LiveRegistry;
import io.waypost.app.console.common.Notifications;
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
import io.waypost.core.selection.Candidate;
import io.waypost.core.selection.ServerSelector;
import io.waypost.core.trust.TrustPolicy;
import io.waypost.core.trust.TrustVerdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * Trust: which providers the user trusts (the screen the original design asked for), custom
 * servers, a pin, and a live preview of the server a client would pick now, and why.
 *
 * <p>It shows what is pushed: the chosen service's verdicts, newly indexed registry events and the
 * user's own changes each ask for one read of the policy and the index, made on a worker thread and
 * shown on the FX thread. Every change of the policy (SQLite) is written on a worker thread too.
 */
public final class TrustController implements Screen {

  /** What the screen shows, read off the FX thread. */
  record Shown(
      List<String> services,
      List<IndexedProvider> providers,
      Set<Address> trusted,
      List<TrustPolicy.CustomServer> custom,
      List<TrustVerdict> usable,
      String preview) {}

  private final ConsoleContext context;
  private final Notifications notifications;
  private final TrustView view = new TrustView();
  private final Subscriptions subscriptions = new Subscriptions();
  private final Subscriptions verdictSubscription = new Subscriptions();
  private final Map<Address, CheckBox> providerBoxes = new LinkedHashMap<>(); // FX thread only
  private volatile FxBindings.Recompute<Shown> reads;
  private volatile String service = "mailserver"; // written on the FX thread, read by workers
  private List<TrustVerdict> pinnable = List.of(); // FX thread only
  private List<TrustPolicy.CustomServer> customShown = List.of(); // FX thread only
  private boolean showing; // FX thread only: check boxes set by a read, not by the user

  public TrustController(ConsoleContext context, Notifications notifications) {
    this.context = context;
    this.notifications = notifications;
    view.service.getItems().setAll(ConsoleDiscovery.SERVICES);
    view.service.setValue(service);
    view.service
        .valueProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && !now.equals(service)) {
                service = now;
                rebindVerdicts();
              }
            });
    ValidationSupport validation = new ValidationSupport();
    validation.registerValidator(
        view.customRecord,
        false,
        Validator.<String>createPredicateValidator(
            TrustController::parses, "Not a valid ENR or enode URL"));
    view.addCustom.setOnAction(e -> addCustom());
    view.customRecord.setOnAction(e -> addCustom());
    view.removeCustom.setOnAction(e -> removeCustom());
    view.pin.setOnAction(e -> pin(true));
    view.unpin.setOnAction(e -> pin(false));
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
    reads.request();
  }

  @Override
  public void onDeactivate() {
    verdictSubscription.closeAll();
    subscriptions.closeAll();
  }

  /** Listens to the chosen service's verdicts: each push asks for a read. */
  private void rebindVerdicts() {
    verdictSubscription.closeAll();
    FxBindings.Recompute<Shown> current = reads;
    if (current == null) {
      return; // not shown yet: onActivate binds
    }
    client().ifPresent(c -> verdictSubscription.add(c.onVerdicts(v -> current.request())));
    current.request();
  }

  private Optional<ServiceClient> client() {
    String name = service;
    return context.discovery().map(d -> d.client(name));
  }

  /** Reads the policy, the index and the verdicts. Worker thread. */
  private Shown read() {
    Optional<NetworkSession> session = context.session();
    Optional<ConsoleDiscovery> discovery = context.discovery();
    Optional<ServiceClient> client = client();
    if (session.isEmpty() || discovery.isEmpty() || client.isEmpty()) {
      return null;
    }
    TrustPolicy policy = discovery.get().policy();
    List<String> services =
        session.get().view().services().values().stream()
            .filter(name -> discovery.get().client(name) != null)
            .sorted()
            .toList();
    List<IndexedProvider> providers =
        session.get().view().providers().stream()
            .filter(
                p ->
                    p.status() != ProviderStatus.REJECTED && p.status() != ProviderStatus.WITHDRAWN)
            .toList();
    List<TrustVerdict> usable =
        client.get().verdicts().stream().filter(TrustVerdict::usable).toList();
    return new Shown(
        services,
        providers,
        policy.trustedProviders(session.get().profile()),
        policy.customServers(client.get().service()),
        usable,
        preview(client.get(), usable));
  }

  /** FX thread. */
  private void show(Shown shown) {
    showing = true;
    try {
      if (!shown.services().isEmpty() && !shown.services().equals(view.service.getItems())) {
        view.service.getItems().setAll(shown.services());
        view.service.setValue(service);
      }
      showProviders(shown);
      if (!shown.custom().equals(customShown)) {
        customShown = shown.custom();
        view.customList
            .getItems()
            .setAll(shown.custom().stream().map(c -> c.label() + " — " + c.nodeId()).toList());
      }
      List<String> choices =
          shown.usable().stream()
              .map(
                  v ->
                      v.nodeId()
                          + "  "
                          + v.kind()
                          + v.providerName().map(n -> " (" + n + ")").orElse(""))
              .toList();
      if (!choices.equals(view.pinChoice.getItems())) {
        int chosen = view.pinChoice.getSelectionModel().getSelectedIndex();
        NodeId chosenNode =
            chosen >= 0 && chosen < pinnable.size() ? pinnable.get(chosen).nodeId() : null;
        pinnable = shown.usable();
        view.pinChoice.getItems().setAll(choices);
        for (int i = 0; i < pinnable.size(); i++) {
          if (pinnable.get(i).nodeId().equals(chosenNode)) {
            view.pinChoice.getSelectionModel().select(i);
          }
        }
      }
      view.preview.setText(shown.preview());
    } finally {
      showing = false;
    }
  }

  /**
   * Keeps one check box per provider, updated in place: rebuilding them on every read would take
   * the keyboard focus away from a user tabbing through them.
   */
  private void showProviders(Shown shown) {
    Set<Address> listed = new HashSet<>();
    for (IndexedProvider provider : shown.providers()) {
      listed.add(provider.address());
      CheckBox box =
          providerBoxes.computeIfAbsent(provider.address(), address -> checkBox(provider));
      box.setText(
          provider.name()
              + " ("
              + provider.status().name().toLowerCase(Locale.ROOT)
              + ", "
              + provider.address().checksummed()
              + ")");
      box.setSelected(shown.trusted().contains(provider.address()));
    }
    providerBoxes.keySet().retainAll(listed);
    List<CheckBox> boxes = new ArrayList<>(providerBoxes.values());
    if (!boxes.equals(view.providers.getChildren())) {
      view.providers.getChildren().setAll(boxes);
    }
  }

  private CheckBox checkBox(IndexedProvider provider) {
    CheckBox box = new CheckBox();
    box.setId(
        "trust-provider-"
            + provider.name().replaceAll("[^A-Za-z0-9]", "-").toLowerCase(Locale.ROOT));
    box.setAccessibleText("Trust " + provider.name());
    box.selectedProperty()
        .addListener(
            (o, was, now) -> {
              if (!showing) {
                setTrusted(provider.address(), now);
              }
            });
    return box;
  }

  private void setTrusted(Address provider, boolean trust) {
    inBackground(
        "Changing whom you trust",
        () -> {
          NetworkSession session = context.session().orElseThrow();
          ConsoleDiscovery discovery = context.discovery().orElseThrow();
          Set<Address> trusted =
              new HashSet<>(discovery.policy().trustedProviders(session.profile()));
          if (trust) {
            trusted.add(provider);
          } else {
            trusted.remove(provider);
          }
          discovery.policy().trustProviders(session.profile(), trusted);
          discovery.clients().values().forEach(ServiceClient::reverify);
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
              if (reads != null) {
                reads.request();
              }
            });
  }

  /** Says which server a client would use, without disturbing the real selector's state. */
  private static String preview(ServiceClient client, List<TrustVerdict> usable) {
    if (usable.isEmpty()) {
      return "No usable server: no node of this service is trusted (or custom) right now.";
    }
    ServerSelector selector = client.selector();
    List<Candidate> candidates = new ArrayList<>();
    for (TrustVerdict v : usable) {
      candidates.add(
          new Candidate(
              v.nodeId(),
              client.known(v.nodeId()).flatMap(k -> k.liveness().rtt()),
              v.kind() == TrustVerdict.Kind.CUSTOM));
    }
    Optional<NodeId> pinned = selector.pinned();
    if (pinned.isPresent() && candidates.stream().anyMatch(c -> c.nodeId().equals(pinned.get()))) {
      return "The pinned server " + pinned.get() + ": a pin wins while it works.";
    }
    List<Candidate> quarter = selector.fastestQuarter(candidates);
    String names =
        String.join(
            ", ",
            quarter.stream()
                .map(
                    c ->
                        c.nodeId().toString().substring(0, 12)
                            + "…"
                            + c.rtt().map(d -> " (" + d.toMillis() + " ms)").orElse(""))
                .toList());
    return (pinned.isPresent() ? "The pinned server " + pinned.get() + " is not usable, so: " : "")
        + "a random pick among the fastest quarter of "
        + candidates.size()
        + " usable server(s): "
        + names;
  }

  private void addCustom() {
    String record = view.customRecord.getText() == null ? "" : view.customRecord.getText().strip();
    String label =
        view.customLabel.getText() == null || view.customLabel.getText().isBlank()
            ? "custom server"
            : view.customLabel.getText().strip();
    if (record.isEmpty()) {
      refuse("paste a node's ENR (enr:…) or enode URL first");
      return;
    }
    if (!parses(record)) {
      try {
        NodeRecords.parse(record);
      } catch (InvalidRecordException e) {
        refuse(e.getMessage());
        return;
      }
    }
    Optional<ServiceClient> client = client();
    if (client.isEmpty()) {
      refuse("discovery has not started yet; try again in a moment");
      return;
    }
    view.customRecord.clear();
    view.customLabel.clear();
    view.customError.setText("");
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
    view.customError.setText("Refused: " + why);
    notifications.show(Notifications.Level.ERROR, "Not a server record", why);
  }

  private void removeCustom() {
    int index = view.customList.getSelectionModel().getSelectedIndex();
    Optional<ServiceClient> client = client();
    if (index < 0 || index >= customShown.size() || client.isEmpty()) {
      return;
    }
    NodeId node = customShown.get(index).nodeId();
    TrustPolicy policy = context.discovery().orElseThrow().policy();
    inBackground(
        "Removing the custom server",
        () -> policy.removeCustomServer(client.get().service(), node));
  }

  private void pin(boolean on) {
    Optional<ServiceClient> client = client();
    if (client.isEmpty()) {
      return;
    }
    TrustPolicy policy = context.discovery().orElseThrow().policy();
    Optional<NodeId> node = Optional.empty();
    if (on) {
      int index = view.pinChoice.getSelectionModel().getSelectedIndex();
      if (index < 0 || index >= pinnable.size()) {
        return;
      }
      node = Optional.of(pinnable.get(index).nodeId());
    }
    Optional<NodeId> chosen = node;
    inBackground(
        on ? "Pinning the server" : "Unpinning",
        () -> {
          chosen.ifPresentOrElse(client.get().selector()::pin, client.get().selector()::unpin);
          policy.pin(client.get().service(), chosen);
          client.get().reverify();
        });
  }
}
