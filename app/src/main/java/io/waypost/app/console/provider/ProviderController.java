package io.waypost.app.console.provider;

import io.waypost.app.console.AccountOption;
import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.common.ActingAccount;
import io.waypost.app.console.common.LiveRegistry;
import io.waypost.app.console.common.Notifications;
import io.waypost.app.console.common.TxStatusView;
import io.waypost.app.console.provider.ProviderModel.NodeRow;
import io.waypost.app.console.shell.Screen;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.index.RegistryView;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.registry.AgentProofs;
import io.waypost.core.registry.RegistryActions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.stage.FileChooser;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.web3j.crypto.ECKeyPair;

/** Provider: my profile (apply, update, withdraw) and my nodes (add with proof, remove). */
public final class ProviderController implements Screen {

  /**
   * How long a proof made here stays valid: long enough to be mined, short enough to be dead soon.
   */
  private static final long PROOF_LIFETIME_SECONDS = 3600;

  private final ConsoleContext context;
  private final Notifications notifications;
  private final ProviderModel model = new ProviderModel();
  private final TxStatusView txStatus;
  private final ProviderView view;
  private volatile Map<ServiceId, String> serviceNames = Map.of();
  private LiveRegistry live;

  public ProviderController(ConsoleContext context, Notifications notifications) {
    this.context = context;
    this.notifications = notifications;
    this.txStatus = new TxStatusView("provider-tx", notifications);
    txStatus.clearedOnSwitch(context); // as long as the screen: the console's lifetime
    this.view = new ProviderView(model, txStatus.view());
    ValidationSupport validation = new ValidationSupport();
    validation.registerValidator(
        view.name,
        Validator.<String>createPredicateValidator(
            text ->
                text != null
                    && !text.isBlank()
                    && text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 64,
            "A name of 1 to 64 bytes is required"));
    validation.registerValidator(
        view.metadataUri,
        false,
        Validator.<String>createPredicateValidator(
            text -> text == null || text.isBlank() || text.matches("(https?://|mailto:)\\S+"),
            "A website (https://…) or contact (mailto:…) link"));
    view.apply.setOnAction(e -> profile(true));
    view.update.setOnAction(e -> profile(false));
    view.withdraw.setOnAction(
        e -> actions().ifPresent(a -> txStatus.track("Withdraw", a.withdrawProvider())));
    view.removeNode.setOnAction(e -> removeNode());
    view.registerKey.setOnAction(e -> registerFromKeyFile());
    view.registerPasted.setOnAction(e -> registerPasted());
    view.browse.setOnAction(
        e -> {
          FileChooser chooser = new FileChooser();
          chooser.setTitle("Node key file");
          var file = chooser.showOpenDialog(view.root().getScene().getWindow());
          if (file != null) {
            model.keyFile.set(file.getAbsolutePath());
          }
        });
  }

  @Override
  public Node view() {
    return view.root();
  }

  @Override
  public void onActivate() {
    live = new LiveRegistry(context, this::refresh);
  }

  @Override
  public void onDeactivate() {
    if (live != null) {
      live.close();
    }
  }

  private void refresh() {
    Optional<NetworkSession> session = context.session();
    Optional<AccountOption> account = context.activeAccount();
    if (session.isEmpty() || account.isEmpty()) {
      return;
    }
    RegistryView registry = session.get().view();
    Address me = account.get().address();
    var profile = registry.provider(me);
    serviceNames = registry.services();
    List<NodeRow> mine =
        registry.nodes().stream()
            .filter(n -> n.provider().equals(me))
            .map(
                n ->
                    new NodeRow(
                        n.nodeId().toString(),
                        serviceNames.getOrDefault(n.serviceId(), n.serviceId().toString()),
                        discoveryStatus(n.nodeId(), serviceNames.getOrDefault(n.serviceId(), ""))))
            .toList();
    ProviderStatus status =
        profile.map(RegistryView.IndexedProvider::status).orElse(ProviderStatus.NONE);
    String statusText =
        profile
            .map(
                p ->
                    "You act as "
                        + account.get().label()
                        + ": provider \""
                        + p.name()
                        + "\", "
                        + p.status().name().toLowerCase(java.util.Locale.ROOT)
                        + p.statusReason().map(r -> " — " + r).orElse(""))
            .orElse(
                "You act as "
                    + account.get().label()
                    + ", which is not a provider yet: apply below.");
    UiThread.run(
        () -> {
          boolean changedAccount = model.status.get() != status || model.name.get().isBlank();
          model.status.set(status);
          model.statusText.set(statusText);
          model.nodes.setAll(mine);
          model.services.setAll(serviceNames.values().stream().sorted().toList());
          if (changedAccount) {
            model.name.set(profile.map(RegistryView.IndexedProvider::name).orElse(""));
            model.metadataUri.set(
                profile.map(RegistryView.IndexedProvider::metadataUri).orElse(""));
          }
        });
  }

  /** What a client on the console's discovery network sees of this node now. */
  private String discoveryStatus(NodeId node, String service) {
    return context
        .client(service)
        .map(
            client ->
                client.verdicts().stream()
                    .filter(v -> v.nodeId().equals(node))
                    .findFirst()
                    .map(v -> "found; " + v.summary())
                    .orElse("not found by discovery"))
        .orElse("discovery not running");
  }

  private void profile(boolean apply) {
    String name = model.name.get() == null ? "" : model.name.get().strip();
    String uri = model.metadataUri.get() == null ? "" : model.metadataUri.get().strip();
    if (name.isEmpty()) {
      notifications.show(
          Notifications.Level.ERROR,
          "Name missing",
          "Give the provider a name users will recognise.");
      return;
    }
    actions()
        .ifPresent(
            a ->
                txStatus.track(
                    (apply ? "Apply as " : "Propose (a curator accepts) ") + name,
                    apply ? a.applyAsProvider(name, uri) : a.updateProvider(name, uri)));
  }

  private void removeNode() {
    NodeRow row = view.nodes.getSelectionModel().getSelectedItem();
    if (row == null) {
      return;
    }
    ServiceId service =
        serviceNames.entrySet().stream()
            .filter(e -> e.getValue().equals(row.service()))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(ServiceId.of(row.service()));
    actions()
        .ifPresent(
            a ->
                txStatus.track(
                    "Remove node " + row.nodeId().substring(0, 10) + "…",
                    a.removeNode(NodeId.fromHex(row.nodeId()), service)));
  }

  private void registerFromKeyFile() {
    String service = model.service.get();
    ECKeyPair key;
    try {
      key = NodeKey.load(Path.of(model.keyFile.get().strip())).ecKeyPair();
    } catch (IOException | RuntimeException e) {
      notifications.show(
          Notifications.Level.ERROR,
          "Cannot read the node key",
          "The file " + model.keyFile.get() + " does not hold a node key: " + e.getMessage());
      return;
    }
    long expiry = context.clock().instant().getEpochSecond() + PROOF_LIFETIME_SECONDS;
    actions()
        .ifPresent(
            a ->
                txStatus
                    .track(
                        "Register node for " + service,
                        a.registerOwnNode(key, ServiceId.of(service), expiry))
                    .thenRun(() -> UiThread.run(() -> model.keyFile.set(""))));
  }

  private void registerPasted() {
    Optional<NetworkSession> session = context.session();
    Optional<AccountOption> account = context.activeAccount();
    if (session.isEmpty() || account.isEmpty()) {
      return;
    }
    try {
      var registrations =
          AgentProofs.parse(
              model.agentOutput.get(),
              account.get().address(),
              session.get().profile().registry(),
              session.get().chain().chainId());
      actions()
          .ifPresent(
              a ->
                  txStatus
                      .track(
                          "Register " + registrations.size() + " pasted proof(s)",
                          a.registerNodes(registrations))
                      .thenRun(() -> UiThread.run(() -> model.agentOutput.set(""))));
    } catch (IllegalArgumentException refused) {
      notifications.show(
          Notifications.Level.ERROR, "The pasted proof cannot be used", refused.getMessage());
    }
  }

  private Optional<RegistryActions> actions() {
    return ActingAccount.actions(context, notifications);
  }
}
