package io.waypost.app.console.shell;

import io.waypost.app.console.AccountOption;
import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.activity.ActivityController;
import io.waypost.app.console.common.Notifications;
import io.waypost.app.console.curator.CuratorController;
import io.waypost.app.console.overview.OverviewController;
import io.waypost.app.console.provider.ProviderController;
import io.waypost.app.console.settings.SettingsController;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** Builds the screens, navigates between them and keeps the top bar current. */
public final class ShellController implements AutoCloseable {

  private final ConsoleContext context;
  private final Notifications notifications = new Notifications();
  private final ShellView view = new ShellView(notifications.view());
  private final Map<NavigationTarget, java.util.function.Supplier<Screen>> factories =
      new EnumMap<>(NavigationTarget.class);
  private final Map<NavigationTarget, Screen> screens = new EnumMap<>(NavigationTarget.class);
  private final List<AutoCloseable> subscriptions;
  private Screen current;
  private boolean updatingPicker;

  public ShellController(ConsoleContext context, Consumer<Boolean> darkTheme) {
    this.context = context;
    // Screens are built when first shown, so the window's first frame waits for one screen only.
    factories.put(NavigationTarget.OVERVIEW, () -> new OverviewController(context, this::open));
    factories.put(NavigationTarget.CURATOR, () -> new CuratorController(context, notifications));
    factories.put(NavigationTarget.PROVIDER, () -> new ProviderController(context, notifications));
    factories.put(NavigationTarget.ACTIVITY, () -> new ActivityController(context, notifications));
    factories.put(
        NavigationTarget.DISCOVERY,
        () -> new io.waypost.app.console.discovery.DiscoveryController(context, notifications));
    factories.put(
        NavigationTarget.TRUST,
        () -> new io.waypost.app.console.trust.TrustController(context, notifications));
    factories.put(
        NavigationTarget.SETTINGS, () -> new SettingsController(context, notifications, darkTheme));
    view.buttons.forEach((target, button) -> button.setOnAction(e -> navigate(target)));
    view.accountPicker.setOnAction(
        e -> {
          AccountOption chosen = view.accountPicker.getValue();
          if (!updatingPicker && chosen != null) {
            context.selectAccount(chosen);
          }
        });
    subscriptions =
        List.of(
            context.onSession(session -> refreshTopBar()),
            context.onConnection(connection -> refreshTopBar()),
            context.onAccount(account -> refreshTopBar()));
    navigate(NavigationTarget.OVERVIEW);
  }

  public Parent view() {
    return view.root();
  }

  public Notifications notifications() {
    return notifications;
  }

  /** Ctrl+1 … Ctrl+7 switch screens. */
  public void installShortcuts(Scene scene) {
    for (NavigationTarget target : NavigationTarget.values()) {
      scene
          .getAccelerators()
          .put(
              new KeyCodeCombination(target.shortcut(), KeyCombination.SHORTCUT_DOWN),
              () -> navigate(target));
    }
  }

  public void navigate(NavigationTarget target) {
    Screen next = screen(target);
    if (next == current) {
      return;
    }
    if (current != null) {
      current.onDeactivate();
    }
    current = next;
    view.root.setCenter(next.view());
    view.buttons.get(target).setSelected(true);
    next.onActivate();
  }

  /** Shows {@code target}, focused on what {@code focus} is about. */
  public void open(NavigationTarget target, Focus focus) {
    navigate(target);
    current.focus(focus);
  }

  public Screen screen(NavigationTarget target) {
    return screens.computeIfAbsent(target, t -> factories.get(t).get());
  }

  private java.util.Optional<String> lastLost = java.util.Optional.empty();

  private void refreshTopBar() {
    context
        .work()
        .execute(
            () -> {
              var accounts = context.accounts().stream().filter(AccountOption::unlocked).toList();
              var active = context.activeAccount();
              var connection = context.connection();
              String current =
                  context
                      .session()
                      .map(s -> s.profile().name() + " · chain " + s.profile().chainId())
                      .orElse("Starting …");
              // While connecting, the screens still show the previous network: say so.
              String network =
                  connection
                      .connectingTo()
                      .map(name -> "Connecting to " + name + " … (showing " + current + ")")
                      .or(
                          () ->
                              connection
                                  .lost()
                                  .map(why -> current + " · chain connection lost: " + why))
                      .or(
                          () ->
                              connection
                                  .failure()
                                  .map(why -> current + " · could not connect to " + why))
                      .orElse(current);
              UiThread.run(
                  () -> {
                    updatingPicker = true;
                    try {
                      view.accountPicker.getItems().setAll(accounts);
                      active.ifPresent(view.accountPicker::setValue);
                    } finally {
                      updatingPicker = false;
                    }
                    view.network.setText(network);
                    boolean lost = connection.lost().isPresent();
                    view.network.getStyleClass().remove(atlantafx.base.theme.Styles.DANGER);
                    if (lost) {
                      view.network.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
                    }
                    if (lost && !connection.lost().equals(lastLost)) {
                      notifications.show(
                          Notifications.Level.ERROR,
                          "The chain connection is lost",
                          connection.lost().get()
                              + ". Screens show what was indexed until it answers again.");
                    }
                    lastLost = connection.lost();
                  });
            });
  }

  @Override
  public void close() {
    if (current != null) {
      current.onDeactivate();
    }
    subscriptions.forEach(
        s -> {
          try {
            s.close();
          } catch (Exception ignored) {
            // already gone
          }
        });
  }
}
