package io.waypost.app.console;

import io.waypost.core.index.IndexerState;
import io.waypost.core.index.RegistryIndexer;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.network.NetworkSession;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Keeps where the console stands ({@link Connection}) and tells its listeners at every change:
 * connecting to a profile, connected, failed, and the chain in use lost or answering again.
 */
final class ConnectionWatch {

  private final Listeners<Connection> listeners = new Listeners<>();
  private volatile Connection connection =
      new Connection(NetworkProfile.DEVNET, Optional.empty(), Optional.empty());

  Connection now() {
    return connection;
  }

  /** Tells {@code listener} where the console stands now and at every change. */
  AutoCloseable onChange(Consumer<Connection> listener) {
    return listeners.add(listener, Optional.of(connection));
  }

  void connecting(String profileName) {
    set(new Connection(profileName, Optional.of(profileName), Optional.empty()));
  }

  void connected(String profileName) {
    set(new Connection(profileName, Optional.empty(), Optional.empty()));
  }

  /** Connecting to {@code profileName} failed; {@code current} is the profile still in use. */
  void failed(String current, String profileName, Exception e) {
    set(
        new Connection(
            current,
            Optional.empty(),
            Optional.of(profileName + ": " + Objects.toString(e.getMessage(), e.toString()))));
  }

  /** The chain in use stopped answering ({@code why}), or answers again (empty). */
  void lost(Optional<String> why) {
    Connection now = connection;
    if (!now.lost().equals(why)) {
      set(new Connection(now.current(), now.connectingTo(), now.failure(), why));
    }
  }

  /**
   * Says when {@code watched}'s chain stops answering (its index turns stale) and when it answers
   * again, while it is the session in use; once {@code devnetGone}, a devnet session's dead chain
   * has been said and stays.
   */
  void watch(NetworkSession watched, Predicate<NetworkSession> inUse, BooleanSupplier devnetGone) {
    watched
        .indexer()
        .addListener(
            new RegistryIndexer.Listener() {
              @Override
              public void onUpdate(RegistryIndexer.Update update) {}

              @Override
              public void onState(IndexerState state) {
                if (!inUse.test(watched)
                    || (watched.profile().isDevnet() && devnetGone.getAsBoolean())) {
                  return;
                }
                if (state instanceof IndexerState.Stale stale) {
                  lost(Optional.of(stale.reason()));
                } else if (state instanceof IndexerState.Synced) {
                  lost(Optional.empty());
                }
              }
            });
  }

  private void set(Connection next) {
    connection = next;
    listeners.tell(next);
  }
}
