package io.waypost.app.console.curator;

import io.waypost.app.console.AccountOption;
import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.common.ActingAccount;
import io.waypost.app.console.common.LiveRegistry;
import io.waypost.app.console.common.Notifications;
import io.waypost.app.console.common.TxStatusView;
import io.waypost.app.console.shell.Screen;
import io.waypost.core.index.RegistryView;
import io.waypost.core.model.Address;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.registry.RegistryActions;
import io.waypost.core.registry.TxOutcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
  private LiveRegistry live;

  public CuratorController(ConsoleContext context, Notifications notifications) {
    this.context = context;
    this.notifications = notifications;
    this.txStatus = new TxStatusView("curator-tx", notifications);
    this.view = new CuratorView(model, txStatus.view());
    view.approve.setOnAction(e -> decide("Approve", (a, p) -> a.approveProvider(p)));
    view.reject.setOnAction(e -> decide("Reject", (a, p) -> a.rejectProvider(p, reason())));
    view.suspend.setOnAction(e -> decide("Suspend", (a, p) -> a.suspendProvider(p, reason())));
    view.reinstate.setOnAction(
        e -> decide("Reinstate", (a, p) -> a.reinstateProvider(p, reason())));
    view.acceptUpdate.setOnAction(e -> decideUpdate(true));
    view.declineUpdate.setOnAction(e -> decideUpdate(false));
    view.addCurator.setOnAction(e -> changeCurators(true));
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
    List<Address> curators = registry.curators();
    Optional<Address> owner = registry.owner();
    Optional<AccountOption> account = context.activeAccount();
    boolean curator = account.map(a -> curators.contains(a.address())).orElse(false);
    boolean isOwner =
        account.isPresent() && owner.isPresent() && owner.get().equals(account.get().address());
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
                    + "), which is not a curator: only curators may approve, reject, suspend or reinstate"
                    + " providers. Switch to a curator account (top right), or ask the registry's owner to add"
                    + " this one.";
    UiThread.run(
        () -> {
          ProviderRow selected = model.selected.get();
          model.providers.setAll(rows);
          model.isCurator.set(curator);
          model.isOwner.set(isOwner);
          model.permission.set(permission);
          model.curators.setAll(curators.stream().map(Address::checksummed).toList());
          if (selected != null) {
            // keep the same provider selected across refreshes
            rows.stream()
                .filter(r -> r.provider().address().equals(selected.provider().address()))
                .findFirst()
                .ifPresent(r -> selectInTable(r));
          }
        });
  }

  private void selectInTable(ProviderRow row) {
    view.table.getSelectionModel().select(row);
  }

  private String reason() {
    return model.reason.get().strip();
  }

  private void decide(String action, Decision decision) {
    ProviderRow row = model.selected.get();
    Optional<RegistryActions> actions = actions();
    if (row == null || actions.isEmpty()) {
      return;
    }
    CompletableFuture<TxOutcome> tx =
        txStatus.track(
            action + " " + row.name(), decision.apply(actions.get(), row.provider().address()));
    tx.thenRun(() -> UiThread.run(() -> model.reason.set("")));
  }

  /** Accepts the proposal exactly as the table shows it, or declines it with the reason. */
  private void decideUpdate(boolean accept) {
    ProviderRow row = model.selected.get();
    Optional<RegistryActions> actions = actions();
    if (row == null || row.pendingUpdate().isEmpty() || actions.isEmpty()) {
      return;
    }
    var update = row.pendingUpdate().get();
    Address provider = row.provider().address();
    CompletableFuture<TxOutcome> tx =
        accept
            ? txStatus.track(
                "Accept update of " + row.name(),
                actions.get().acceptProviderUpdate(provider, update.name(), update.metadataUri()))
            : txStatus.track(
                "Decline update of " + row.name(),
                actions.get().declineProviderUpdate(provider, reason()));
    tx.thenRun(() -> UiThread.run(() -> model.reason.set("")));
  }

  private void changeCurators(boolean add) {
    Optional<RegistryActions> actions = actions();
    if (actions.isEmpty()) {
      return;
    }
    try {
      if (add) {
        Address curator = Address.of(model.newCurator.get());
        txStatus
            .track("Add curator " + curator, actions.get().addCurator(curator))
            .thenRun(() -> UiThread.run(() -> model.newCurator.set("")));
      } else {
        Address curator = Address.of(view.curatorList.getSelectionModel().getSelectedItem());
        txStatus.track("Remove curator " + curator, actions.get().removeCurator(curator));
      }
    } catch (IllegalArgumentException badAddress) {
      notifications.show(Notifications.Level.ERROR, "Not an address", badAddress.getMessage());
    }
  }

  private Optional<RegistryActions> actions() {
    return ActingAccount.actions(context, notifications);
  }

  @FunctionalInterface
  private interface Decision {
    CompletableFuture<TxOutcome> apply(RegistryActions actions, Address provider);
  }
}
