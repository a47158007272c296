package io.waypost.app.console.trust;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.ConsoleDiscovery;
import io.waypost.app.console.UiThread;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * Trust: which providers the user trusts (the screen the original design asked for), custom
 * servers, a pin, and a live preview of the server a client would pick now, and why.
 */
public final class TrustController implements Screen {

  private final ConsoleContext context;
  private final Notifications notifications;
  private final TrustView view = new TrustView();
  private final Subscriptions subscriptions = new Subscriptions();
  private ScheduledFuture<?> ticker;
  private volatile List<NodeId> pinnable = List.of();
  private List<String> shownProviders = List.of(); // FX thread only

  public TrustController(ConsoleContext context, Notifications notifications) {
    this.context = context;
    this.notifications = notifications;
    view.service.getItems().setAll(ConsoleDiscovery.SERVICES);
    view.service.setValue("mailserver");
    view.service.valueProperty().addListener((o, a, b) -> context.work().execute(this::refresh));
    ValidationSupport validation = new ValidationSupport();
    validation.registerValidator(
        view.customRecord,
        false,
        Validator.<String>createPredicateValidator(
            TrustController::parses, "Not a valid ENR or enode URL"));
    view.addCustom.setOnAction(e -> addCustom());
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
    subscriptions.add(context.onDiscovery(d -> context.work().execute(this::refresh)));
    ticker = context.scheduler().scheduleWithFixedDelay(this::refresh, 0, 1, TimeUnit.SECONDS);
  }

  @Override
  public void onDeactivate() {
    if (ticker != null) {
      ticker.cancel(false);
    }
    subscriptions.closeAll();
  }

  private Optional<ServiceClient> client() {
    return context
        .discovery()
        .map(
            d ->
                d.client(view.service.getValue() == null ? "mailserver" : view.service.getValue()));
  }

  private void refresh() {
    Optional<NetworkSession> session = context.session();
    Optional<ConsoleDiscovery> discovery = context.discovery();
    Optional<ServiceClient> client = client();
    if (session.isEmpty() || discovery.isEmpty() || client.isEmpty()) {
      return;
    }
    TrustPolicy policy = discovery.get().policy();
    Set<Address> trusted = policy.trustedProviders(session.get().profile());
    List<IndexedProvider> providers =
        session.get().view().providers().stream()
            .filter(
                p ->
                    p.status() != ProviderStatus.REJECTED && p.status() != ProviderStatus.WITHDRAWN)
            .toList();
    List<TrustVerdict> verdicts = client.get().verdicts();
    List<String> custom =
        policy.customServers(client.get().service()).stream()
            .map(c -> c.label() + " — " + c.nodeId())
            .toList();
    List<TrustVerdict> usable = verdicts.stream().filter(TrustVerdict::usable).toList();
    String preview = preview(client.get(), usable);
    UiThread.run(
        () -> {
          // Rebuilding the boxes every tick would drop a click that lands between two refreshes
          // (a press on one box, the release on its replacement): replace them only on change.
          List<String> shown = providers.stream().map(p -> checkBoxKey(p, trusted)).toList();
          if (!shown.equals(shownProviders)) {
            shownProviders = shown;
            view.providers
                .getChildren()
                .setAll(providers.stream().map(p -> checkBox(p, trusted)).toList());
          }
          view.customList.getItems().setAll(custom);
          pinnable = usable.stream().map(TrustVerdict::nodeId).toList();
          List<String> choices =
              usable.stream()
                  .map(
                      v ->
                          v.nodeId()
                              + "  "
                              + v.kind()
                              + v.providerName().map(n -> " (" + n + ")").orElse(""))
                  .toList();
          if (!choices.equals(view.pinChoice.getItems())) {
            String chosen = view.pinChoice.getValue();
            view.pinChoice.getItems().setAll(choices);
            view.pinChoice.setValue(chosen);
          }
          view.preview.setText(preview);
        });
  }

  private static String checkBoxKey(IndexedProvider provider, Set<Address> trusted) {
    return provider.address().value()
        + provider.name()
        + provider.status()
        + trusted.contains(provider.address());
  }

  private CheckBox checkBox(IndexedProvider provider, Set<Address> trusted) {
    CheckBox box =
        new CheckBox(
            provider.name()
                + " ("
                + provider.status().name().toLowerCase(Locale.ROOT)
                + ", "
                + provider.address().checksummed()
                + ")");
    box.setId(
        "trust-provider-"
            + provider.name().replaceAll("[^A-Za-z0-9]", "-").toLowerCase(Locale.ROOT));
    box.setSelected(trusted.contains(provider.address()));
    box.selectedProperty().addListener((o, was, now) -> setTrusted(provider.address(), now));
    return box;
  }

  private void setTrusted(Address provider, boolean trust) {
    context
        .work()
        .execute(
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
              refresh();
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
    Optional<ServiceClient> client = client();
    if (client.isEmpty()) {
      return;
    }
    try {
      if (record.isEmpty()) {
        throw new InvalidRecordException("paste a node's ENR (enr:…) or enode URL first");
      }
      client.get().addCustom(record, label);
      view.customRecord.clear();
      view.customLabel.clear();
      view.customError.setText("");
      context.work().execute(this::refresh);
    } catch (InvalidRecordException e) {
      view.customError.setText("Refused: " + e.getMessage());
      notifications.show(Notifications.Level.ERROR, "Not a server record", e.getMessage());
    }
  }

  private void removeCustom() {
    String selected = view.customList.getSelectionModel().getSelectedItem();
    Optional<ServiceClient> client = client();
    if (selected == null || client.isEmpty()) {
      return;
    }
    NodeId node = NodeId.fromHex(selected.substring(selected.lastIndexOf(' ') + 1));
    context.discovery().orElseThrow().policy().removeCustomServer(client.get().service(), node);
    context.work().execute(this::refresh);
  }

  private void pin(boolean on) {
    Optional<ServiceClient> client = client();
    if (client.isEmpty()) {
      return;
    }
    TrustPolicy policy = context.discovery().orElseThrow().policy();
    if (on) {
      int index = view.pinChoice.getSelectionModel().getSelectedIndex();
      if (index < 0 || index >= pinnable.size()) {
        return;
      }
      NodeId node = pinnable.get(index);
      client.get().selector().pin(node);
      policy.pin(client.get().service(), Optional.of(node));
    } else {
      client.get().selector().unpin();
      policy.pin(client.get().service(), Optional.empty());
    }
    context.work().execute(this::refresh);
  }
}
