package io.waypost.app.console.curator;

import io.waypost.app.console.AccountOption;
import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.common.ActingAccount;
import io.waypost.app.console.common.LiveRegistry;
import io.waypost.app.console.common.Notifications;
import io.waypost.app.console.common.TxStatusView;
import io.waypost.app.console.safe.SafeBatch;
import io.waypost.app.console.safe.SafeFinder;
import io.waypost.app.console.safe.SafePanel;
import io.waypost.app.console.safe.SafeRole;
import io.waypost.app.console.shell.Screen;
import io.waypost.core.index.RegistryView;
import io.waypost.core.model.Address;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.registry.RegistryActions;
import io.waypost.core.registry.RegistrySetting;
import io.waypost.core.registry.RegistrySettings;
import io.waypost.core.registry.TxOutcome;
import io.waypost.core.safe.RegistryCalls;
import io.waypost.core.safe.SafeCall;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/** Curator: the application queue and the provider decisions; the curator set for the owner. */
public final class CuratorController implements Screen {

  private final ConsoleContext context;
  private final Notifications notifications;
  private final CuratorModel model = new CuratorModel();
  private final TxStatusView txStatus;
  private final CuratorView view;
  private final SafeFinder safes = new SafeFinder();
  private final SafeBatch safeBatch;
  private final ProviderNodes providerNodes;
  private LiveRegistry live;
  // The last refresh's registry roles (FX thread only), for working out what the chosen actor may
  // do.
  private List<Address> curators = List.of();
  private Optional<Address> owner = Optional.empty();
  private Optional<Address> pendingOwner = Optional.empty();

  public CuratorController(ConsoleContext context, Notifications notifications) {
    this.context = context;
    this.notifications = notifications;
    this.txStatus = new TxStatusView("curator-tx", notifications);
    txStatus.clearedOnSwitch(context); // as long as the screen: the console's lifetime
    this.safeBatch = new SafeBatch(context, notifications);
    this.providerNodes = new ProviderNodes(model, this::removeNode);
    this.view =
        new CuratorView(
            model, providerNodes.view(), txStatus.view(), new SafePanel(safeBatch).view());
    safeBatch.onExecuted(
        outcome ->
            txStatus.done(
                "The Safe's batch: executed in block "
                    + outcome.blockNumber()
                    + " (tx "
                    + outcome.hash().substring(0, 10)
                    + "…)"));
    model.actingChoices.setAll(ActingAs.account());
    model.actingAs.set(ActingAs.account());
    model.actingAs.addListener((o, was, is) -> applyRoles());
    view.approve.setOnAction(
        e -> decide("Approve", (a, p) -> a.approveProvider(p), (c, p) -> c.approveProvider(p)));
    view.reject.setOnAction(
        e ->
            decide(
                "Reject",
                (a, p) -> a.rejectProvider(p, reason()),
                (c, p) -> c.rejectProvider(p, reason())));
    view.suspend.setOnAction(
        e ->
            decide(
                "Suspend",
                (a, p) -> a.suspendProvider(p, reason()),
                (c, p) -> c.suspendProvider(p, reason())));
    view.reinstate.setOnAction(
        e ->
            decide(
                "Reinstate",
                (a, p) -> a.reinstateProvider(p, reason()),
                (c, p) -> c.reinstateProvider(p, reason())));
    view.transferOwnership.setOnAction(e -> transferOwnership());
    view.acceptOwnership.setOnAction(
        e ->
            submit(
                "Accept ownership", a -> a.acceptOwnership(), c -> c.acceptOwnership(), () -> {}));
    view.setMaxProofValidity.setOnAction(
        e ->
            changeSetting(
                RegistrySetting.MAX_PROOF_VALIDITY,
                model.maxProofValidity,
                (a, d) -> a.setMaxProofValidity(d),
                (c, d) -> c.setMaxProofValidity(d)));
    view.setReapplyCooldown.setOnAction(
        e ->
            changeSetting(
                RegistrySetting.REAPPLY_COOLDOWN,
                model.reapplyCooldown,
                (a, d) -> a.setReapplyCooldown(d),
                (c, d) -> c.setReapplyCooldown(d)));
    view.acceptUpdate.setOnAction(e -> decideUpdate(true));
    view.declineUpdate.setOnAction(e -> decideUpdate(false));
    view.addCurator.setOnAction(e -> changeCurators(true));
    view.addService.setOnAction(e -> addService());
    view.removeCurator.setOnAction(e -> changeCurators(false));
    DnsListWindow dnsLists = new DnsListWindow(context);
    view.dnsList.setOnAction(e -> dnsLists.open(view.root().getScene().getWindow()));
    ValidationSupport validation = new ValidationSupport();
    validation.registerValidator(
        view.newCurator,
        false,
        Validator.<String>createPredicateValidator(
            text -> text == null || text.isBlank() || text.strip().matches("0x[0-9a-fA-F]{40}"),
            "An address is 0x followed by 40 hex digits"));
  }

  /** The batch of actions queued for a Safe, when acting as one. */
  public SafeBatch safeBatch() {
    return safeBatch;
  }

  @Override
  public Node view() {
    return view.root();
  }

  @Override
  public void focus(io.waypost.app.console.shell.Focus focus) {
    if (focus instanceof io.waypost.app.console.shell.Focus.PendingApplications) {
      model.search.set("");
      model.pendingOnly.set(true);
    }
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
    if (session.isEmpty()) {
      return;
    }
    RegistryView registry = session.get().view();
    var updates = registry.pendingUpdates();
    List<ProviderRow> rows =
        registry.providers().stream()
            .map(p -> new ProviderRow(p, Optional.ofNullable(updates.get(p.address()))))
            .toList();
    List<RegistryView.IndexedNode> nodesNow = registry.nodes();
    var servicesNow = registry.services();
    List<Address> curatorsNow = registry.curators();
    Optional<Address> ownerNow = registry.owner();
    // Neither is in the index: read from the chain, and shown as unknown when it does not answer.
    Optional<Address> pendingNow = read(session.get().registry().pendingOwner()).flatMap(p -> p);
    Optional<RegistrySettings> settingsNow = read(session.get().registry().settings());
    List<SafeRole> safesNow = safes.find(session.get(), ownerNow, pendingNow, curatorsNow);
    UiThread.run(
        () -> {
          ProviderRow selected = model.selected.get();
          model.providers.setAll(rows);
          providerNodes.show(nodesNow, servicesNow);
          curators = curatorsNow;
          owner = ownerNow;
          pendingOwner = pendingNow;
          model.currentSettings.set(settingsNow.map(CuratorController::describe).orElse(""));
          model.curators.setAll(curatorsNow.stream().map(Address::checksummed).toList());
          offerSafes(safesNow);
          applyRoles();
          if (selected != null) {
            // keep the same provider selected across refreshes
            rows.stream()
                .filter(r -> r.provider().address().equals(selected.provider().address()))
                .findFirst()
                .ifPresent(r -> selectInTable(r));
          }
        });
  }

  /** Offers the account and each Safe holding a role; keeps the choice while it still holds one. */
  private void offerSafes(List<SafeRole> found) {
    List<ActingAs> choices = new java.util.ArrayList<>();
    choices.add(ActingAs.account());
    found.forEach(safe -> choices.add(ActingAs.of(safe)));
    ActingAs chosen = model.actingAs.get();
    if (!choices.equals(model.actingChoices)) {
      model.actingChoices.setAll(choices);
    }
    ActingAs keep =
        chosen == null || chosen.safe().isEmpty()
            ? ActingAs.account()
            : choices.stream()
                .filter(
                    c ->
                        c.safe()
                            .map(s -> s.safe().equals(chosen.safe().get().safe()))
                            .orElse(false))
                .findFirst()
                .orElse(ActingAs.account());
    model.actingAs.set(keep);
  }

  /** What the chosen actor may do, and the note that says so. FX thread. */
  private void applyRoles() {
    ActingAs acting = model.actingAs.get();
    Optional<SafeRole> safe = acting == null ? Optional.empty() : acting.safe();
    if (safe.isPresent()) {
      safeBatch.actAs(safe);
      SafeRole role = safe.get();
      model.isCurator.set(curators.contains(role.safe()));
      model.isOwner.set(owner.map(role.safe()::equals).orElse(false));
      model.isPendingOwner.set(pendingOwner.map(role.safe()::equals).orElse(false));
      model.permission.set(
          "You act for the Safe "
              + role.safe().checksummed()
              + ", the registry's "
              + role.roles()
              + ". Each action joins the batch on the right; nothing is sent until "
              + role.threshold()
              + " of its "
              + role.owners().size()
              + " owners sign it, here or in the Safe app.");
      return;
    }
    safeBatch.actAs(Optional.empty());
    Optional<AccountOption> account = context.activeAccount();
    boolean curator = account.map(a -> curators.contains(a.address())).orElse(false);
    boolean isOwner =
        account.isPresent() && owner.isPresent() && owner.get().equals(account.get().address());
    String safeHint =
        model.actingChoices.size() > 1
            ? " A Safe holds a registry role: choose it under \"On behalf of\" to queue actions for its"
                + " owners to sign."
            : " Switch to a curator account (top right), or ask the registry's owner to add this"
                + " one.";
    String permission =
        account.isEmpty()
            ? "Choose an account (top right) to act as."
            : curator
                ? "You act as "
                    + account.get().label()
                    + ", a curator: you may approve, reject, suspend and reinstate providers."
                : "You act as "
                    + account.get().label()
                    + " ("
                    + account.get().address().checksummed()
                    + "), which is not a curator: only curators may approve, reject, suspend or"
                    + " reinstate providers."
                    + safeHint;
    boolean offered =
        account.isPresent()
            && pendingOwner.isPresent()
            && pendingOwner.get().equals(account.get().address());
    model.isCurator.set(curator);
    model.isOwner.set(isOwner);
    model.isPendingOwner.set(offered);
    String ownerNote =
        isOwner
            ? " As the registry's owner it manages the curators, the ownership and the registry's"
                + " settings below."
            : offered
                ? " The registry's ownership is offered to this account: accept it below."
                : "";
    model.permission.set(permission + ownerNote);
  }

  private void selectInTable(ProviderRow row) {
    view.table.getSelectionModel().select(row);
  }

  private String reason() {
    return model.reason.get().strip();
  }

  private void decide(String action, Decision decision, SafeDecision asSafe) {
    ProviderRow row = model.selected.get();
    if (row == null) {
      return;
    }
    Address provider = row.provider().address();
    submit(
        action + " " + row.name(),
        a -> decision.apply(a, provider),
        c -> asSafe.apply(c, provider),
        () -> model.reason.set(""));
  }

  /**
   * Sends an action as the active account, or, when acting as a Safe, queues its call in the Safe's
   * batch instead; {@code done} runs once it is mined or queued.
   */
  private void submit(
      String action,
      java.util.function.Function<RegistryActions, CompletableFuture<TxOutcome>> send,
      java.util.function.Function<RegistryCalls, SafeCall> call,
      Runnable done) {
    if (safeBatch.actingSafe().isPresent()) {
      Optional<NetworkSession> session = context.session();
      if (session.isEmpty()) {
        return;
      }
      safeBatch.queue(call.apply(new RegistryCalls(session.get().registry().address())));
      txStatus.note(
          action + ": queued for the Safe (" + safeBatch.queuedCount() + " in the batch)");
      done.run();
      return;
    }
    Optional<RegistryActions> actions = actions();
    if (actions.isEmpty()) {
      return;
    }
    txStatus.track(action, send.apply(actions.get())).thenRun(() -> UiThread.run(done));
  }

  /** Accepts the proposal exactly as the table shows it, or declines it with the reason. */
  private void decideUpdate(boolean accept) {
    ProviderRow row = model.selected.get();
    if (row == null || row.pendingUpdate().isEmpty()) {
      return;
    }
    var update = row.pendingUpdate().get();
    Address provider = row.provider().address();
    String reason = reason();
    if (accept) {
      submit(
          "Accept update of " + row.name(),
          a -> a.acceptProviderUpdate(provider, update.name(), update.metadataUri()),
          c -> c.acceptProviderUpdate(provider, update.name(), update.metadataUri()),
          () -> model.reason.set(""));
    } else {
      submit(
          "Decline update of " + row.name(),
          a -> a.declineProviderUpdate(provider, reason),
          c -> c.declineProviderUpdate(provider, reason),
          () -> model.reason.set(""));
    }
  }

  private void changeCurators(boolean add) {
    try {
      if (add) {
        Address curator = Address.of(model.newCurator.get());
        submit(
            "Add curator " + curator.checksummed(),
            a -> a.addCurator(curator),
            c -> c.addCurator(curator),
            () -> model.newCurator.set(""));
      } else {
        Address curator = Address.of(view.curatorList.getSelectionModel().getSelectedItem());
        submit(
            "Remove curator " + curator.checksummed(),
            a -> a.removeCurator(curator),
            c -> c.removeCurator(curator),
            () -> {});
      }
    } catch (IllegalArgumentException badAddress) {
      notifications.show(Notifications.Level.ERROR, "Not an address", badAddress.getMessage());
    }
  }

  /** Adds a service to the catalogue; clients get a client for it at the next index update. */
  private void addService() {
    String name = model.newService.get().strip();
    if (!name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      notifications.show(
          Notifications.Level.ERROR,
          "Not a service name",
          "'"
              + name
              + "': 1 to 64 lower-case letters, digits and '-', starting with a letter or digit");
      return;
    }
    submit(
        "Add service " + name,
        a -> a.addService(name),
        c -> c.addService(name),
        () -> model.newService.set(""));
  }

  /** A curator's takedown of any provider's node for one service. */
  private void removeNode(ProviderNodes.Registration registration) {
    var node = registration.node();
    submit(
        "Remove node "
            + node.nodeId().toString().substring(0, 10)
            + "… for "
            + registration.service(),
        a -> a.removeNode(node.nodeId(), node.serviceId()),
        c -> c.removeNode(node.nodeId(), node.serviceId()),
        () -> {});
  }

  /** Offers the ownership to another address; it becomes the owner once it accepts. */
  private void transferOwnership() {
    try {
      Address next = Address.of(model.newOwner.get().strip());
      submit(
          "Offer ownership to " + next.checksummed(),
          a -> a.transferOwnership(next),
          c -> c.transferOwnership(next),
          () -> model.newOwner.set(""));
    } catch (IllegalArgumentException badAddress) {
      notifications.show(Notifications.Level.ERROR, "Not an address", badAddress.getMessage());
    }
  }

  /** Checks the written duration against the contract's bounds, then sends or queues it. */
  private void changeSetting(
      RegistrySetting setting,
      javafx.beans.property.StringProperty written,
      java.util.function.BiFunction<RegistryActions, Duration, CompletableFuture<TxOutcome>> send,
      java.util.function.BiFunction<RegistryCalls, Duration, SafeCall> call) {
    Duration value;
    try {
      value = setting.parse(written.get());
    } catch (IllegalArgumentException bad) {
      notifications.show(
          Notifications.Level.ERROR, setting.field() + ": not sent", bad.getMessage());
      return;
    }
    submit(
        "Set "
            + setting.field().toLowerCase(java.util.Locale.ROOT)
            + " to "
            + RegistrySetting.human(value),
        a -> send.apply(a, value),
        c -> call.apply(c, value),
        () -> written.set(""));
  }

  private static String describe(RegistrySettings settings) {
    return "Now: a node's proof may be valid for at most "
        + RegistrySetting.human(settings.maxProofValidity())
        + " when sent; a rejected or withdrawn provider waits "
        + RegistrySetting.human(settings.reapplyCooldown())
        + " before applying again.";
  }

  /** A chain read's answer, or empty when it fails or takes too long (asked again next refresh). */
  private static <T> Optional<T> read(CompletableFuture<T> answer) {
    try {
      return Optional.ofNullable(answer.get(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException unanswered) {
      return Optional.empty();
    }
  }

  private Optional<RegistryActions> actions() {
    return ActingAccount.actions(context, notifications);
  }

  @FunctionalInterface
  private interface Decision {
    CompletableFuture<TxOutcome> apply(RegistryActions actions, Address provider);
  }

  @FunctionalInterface
  private interface SafeDecision {
    SafeCall apply(RegistryCalls calls, Address provider);
  }
}
