package io.waypost.app.console.common;

import io.waypost.app.console.AccountOption;
import io.waypost.app.console.ConsoleContext;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.registry.RegistryActions;
import java.util.Optional;

/** The registry's transactions as the active account, or a notification saying why not. */
public final class ActingAccount {

  private ActingAccount() {}

  public static Optional<RegistryActions> actions(
      ConsoleContext context, Notifications notifications) {
    Optional<NetworkSession> session = context.session();
    Optional<AccountOption> account = context.activeAccount();
    if (session.isEmpty() || account.isEmpty() || account.get().credentials().isEmpty()) {
      notifications.show(
          Notifications.Level.ERROR,
          "No account",
          "Choose an unlocked account to act as (top right).");
      return Optional.empty();
    }
    return Optional.of(session.get().registry().as(account.get().credentials().get()));
  }
}
