package io.waypost.app.console.settings;

import io.waypost.app.console.AccountOption;
import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.common.Notifications;
import io.waypost.app.console.common.Subscriptions;
import io.waypost.app.console.shell.Screen;
import io.waypost.core.account.Keystores;
import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.network.ProfileInput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/** Settings: network profiles (checked before saving), accounts, data directory, theme. */
public final class SettingsController implements Screen {

  private final ConsoleContext context;
  private final Notifications notifications;
  private final SettingsView view = new SettingsView();
  private final Subscriptions subscriptions = new Subscriptions();

  public SettingsController(
      ConsoleContext context, Notifications notifications, Consumer<Boolean> darkTheme) {
    this.context = context;
    this.notifications = notifications;
    ValidationSupport validation = new ValidationSupport();
    validation.registerValidator(
        view.rpcUrl,
        Validator.<String>createPredicateValidator(
            SettingsController::validUrl, "An http(s):// or ws(s):// URL with a host"));
    validation.registerValidator(
        view.chainId,
        Validator.<String>createPredicateValidator(
            t -> t != null && t.strip().matches("[1-9][0-9]{0,18}"), "A positive number"));
    validation.registerValidator(
        view.registry,
        Validator.<String>createPredicateValidator(
            t -> t != null && t.strip().matches("0x[0-9a-fA-F]{40}"),
            "0x followed by 40 hex digits"));
    validation.registerValidator(
        view.profileName,
        Validator.<String>createPredicateValidator(
            t -> t != null && t.strip().matches("[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}"),
            "1 to 40 letters, digits, ' ', '.', '_', '-'"));
    validation.registerValidator(
        view.enrTrees,
        Validator.<String>createPredicateValidator(
            t -> accepts(() -> ProfileInput.enrTrees(t)), "enrtree://KEY@DOMAIN, one a line"));
    validation.registerValidator(
        view.capabilityMap,
        Validator.<String>createPredicateValidator(
            t -> accepts(() -> ProfileInput.capabilities(t)),
            "CAPABILITY=SERVICE, comma-separated (waku2.relay|store|filter|lightpush|sync)"));
    view.profiles
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, chosen) -> edit(chosen));
    view.saveProfile.setOnAction(e -> saveProfile());
    view.connect.setOnAction(e -> connectSelected());
    view.useAccount.setOnAction(e -> useSelected());
    view.unlock.setOnAction(e -> unlockSelected());
    view.create.setOnAction(e -> createAccount());
    view.importButton.setOnAction(e -> importAccount());
    view.dark.setSelected(context.settings().get("theme").map("dark"::equals).orElse(false));
    view.dark
        .selectedProperty()
        .addListener(
            (o, was, dark) -> {
              context.settings().put("theme", dark ? "dark" : "light");
              darkTheme.accept(dark);
            });
    view.dataDir.setText(context.dataDir().toString());
    view.deployRegistry
        .getChildren()
        .add(new DeployRegistrySection(context, notifications, this::refresh).root());
  }

  @Override
  public Node view() {
    return view.root();
  }

  @Override
  public void onActivate() {
    subscriptions.add(context.onSession(session -> refresh()));
    subscriptions.add(context.onAccount(account -> refresh()));
  }

  @Override
  public void onDeactivate() {
    subscriptions.closeAll();
  }

  private void refresh() {
    context
        .work()
        .execute(
            () -> {
              List<NetworkProfile> profiles = new ArrayList<>();
              context.devnet().ifPresent(devnet -> profiles.add(devnet.profile()));
              profiles.addAll(context.profiles().list());
              List<AccountOption> accounts = context.accounts();
              UiThread.run(
                  () -> {
                    view.profiles.getItems().setAll(profiles);
                    view.accounts.getItems().setAll(accounts);
                  });
            });
  }

  /** Fills the form with a saved profile, to edit it. */
  private void edit(NetworkProfile profile) {
    if (profile == null) {
      return;
    }
    ProfileInput fields = ProfileInput.of(profile);
    List<String> urls = List.of(fields.rpcUrls().split("\n"));
    view.profileName.setText(fields.name());
    view.rpcUrl.setText(urls.get(0));
    view.moreRpcUrls.setText(String.join("\n", urls.subList(1, urls.size())));
    view.chainId.setText(fields.chainId());
    view.registry.setText(fields.registry());
    view.deploymentBlock.setText(fields.deploymentBlock());
    view.confirmations.setText(fields.confirmations());
    view.bootnodes.setText(fields.bootnodes());
    view.trustedProviders.setText(fields.trustedProviders());
    view.enrTrees.setText(fields.enrTrees());
    view.capabilityMap.setText(fields.capabilityMap());
    view.profileError.setText("");
  }

  private static boolean accepts(Runnable check) {
    try {
      check.run();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean validUrl(String text) {
    try {
      RpcEndpoint.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void saveProfile() {
    NetworkProfile profile;
    try {
      // The same validation as every other entry point: ProfileInput names the wrong field.
      profile =
          new ProfileInput(
                  view.profileName.getText(),
                  view.rpcUrl.getText() + "\n" + view.moreRpcUrls.getText(),
                  view.chainId.getText(),
                  view.registry.getText(),
                  view.deploymentBlock.getText(),
                  view.confirmations.getText(),
                  view.bootnodes.getText(),
                  view.trustedProviders.getText(),
                  view.enrTrees.getText(),
                  view.capabilityMap.getText())
              .toProfile();
    } catch (IllegalArgumentException invalid) {
      view.profileError.setText(invalid.getMessage());
      notifications.show(
          Notifications.Level.ERROR, "The network profile is not valid", invalid.getMessage());
      return;
    }
    view.profileError.setText("Checking " + profile.rpc() + " …");
    context
        .connect(profile)
        .whenComplete(
            (session, failure) -> {
              if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                UiThread.run(() -> view.profileError.setText(cause.getMessage()));
                notifications.error("Cannot use the network " + profile.name(), failure);
                return;
              }
              // As the session has it: with the deployment block it found, if it was left empty.
              context.profiles().save(session.profile());
              UiThread.run(() -> view.profileError.setText(""));
              notifications.show(
                  Notifications.Level.SUCCESS, "Connected", profile.name() + " checked and saved");
              refresh();
            });
  }

  private void connectSelected() {
    NetworkProfile profile = view.profiles.getSelectionModel().getSelectedItem();
    if (profile != null) {
      context
          .connect(profile)
          .whenComplete(
              (s, failure) -> {
                if (failure != null) {
                  notifications.error("Cannot connect to " + profile.name(), failure);
                }
              });
    }
  }

  private void useSelected() {
    AccountOption option = view.accounts.getSelectionModel().getSelectedItem();
    if (option == null) {
      return;
    }
    try {
      context.selectAccount(option);
    } catch (IllegalArgumentException locked) {
      notifications.show(Notifications.Level.ERROR, "Locked account", locked.getMessage());
    }
  }

  private void unlockSelected() {
    AccountOption option = view.accounts.getSelectionModel().getSelectedItem();
    String password = view.unlockPassword.getText();
    view.unlockPassword.clear();
    if (option == null) {
      return;
    }
    context
        .work()
        .execute(
            () -> {
              try {
                context.selectAccount(context.unlock(option.address(), password));
                refresh();
              } catch (RuntimeException e) {
                notifications.error("Cannot unlock", e);
              }
            });
  }

  private void createAccount() {
    String password = view.newPassword.getText();
    view.newPassword.clear();
    addKeystore("created", "Cannot create the account", () -> context.keystores().create(password));
  }

  private void importAccount() {
    String key = view.importKey.getText();
    String password = view.newPassword.getText();
    view.importKey.clear();
    view.newPassword.clear();
    addKeystore(
        "imported",
        "Cannot import the key",
        () -> context.keystores().importPrivateKey(key, password));
  }

  /** Makes a keystore off the FX thread (scrypt takes a moment) and says how it went. */
  private void addKeystore(
      String done, String failure, java.util.function.Supplier<Keystores.Keystore> make) {
    context
        .work()
        .execute(
            () -> {
              try {
                Keystores.Keystore keystore = make.get();
                notifications.show(
                    Notifications.Level.SUCCESS,
                    "Account " + done,
                    keystore.address().checksummed() + " (unlock it to use it)");
                refresh();
              } catch (RuntimeException e) {
                notifications.error(failure, e);
              }
            });
  }
}
