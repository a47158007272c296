package io.waypost.app.console.common;

import io.waypost.app.console.ConsoleContext;
import io.waypost.core.index.RegistryIndexer;

/**
 * Runs a screen's refresh (on a worker thread) whenever what it shows may have changed: a new
 * session, a new active account, or newly indexed registry events. Close it on deactivation.
 */
public final class LiveRegistry implements AutoCloseable {

  private final AutoCloseable sessions;
  private final AutoCloseable accounts;
  private volatile AutoCloseable indexer = () -> {};

  public LiveRegistry(ConsoleContext context, Runnable refresh) {
    Runnable inBackground =
        () -> context.work().execute(Repeating.surviving("A screen's refresh", refresh));
    this.sessions =
        context.onSession(
            session -> {
              closeQuietly(indexer);
              indexer =
                  session
                      .indexer()
                      .addListener(
                          new RegistryIndexer.Listener() {
                            @Override
                            public void onUpdate(RegistryIndexer.Update update) {
                              inBackground.run();
                            }
                          });
              inBackground.run();
            });
    this.accounts = context.onAccount(account -> inBackground.run());
  }

  @Override
  public void close() {
    closeQuietly(indexer);
    closeQuietly(sessions);
    closeQuietly(accounts);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // already released
    }
  }
}
