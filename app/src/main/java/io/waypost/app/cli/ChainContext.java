package io.waypost.app.cli;

import io.waypost.core.network.NetworkProfile;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.registry.ProviderRecord;
import io.waypost.core.registry.RegistryActions;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.store.Database;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * One chain command's run: the store, a {@link NetworkSession} on the chosen profile (checked chain
 * id and registry; unfinished transactions resumed), and the signing account if the command sends.
 * Transactions go through the session's journal, and are awaited to the wanted confirmations.
 */
final class ChainContext implements AutoCloseable {

  private final Database database;
  private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final NetworkSession session;

  private ChainContext(Database database, NetworkProfile profile) {
    this.database = database;
    try {
      session =
          NetworkSession.builder(profile, database)
              .executors(work, scheduler)
              .clock(Clock.systemUTC())
              .withoutDiscovery()
              .start();
    } catch (RuntimeException e) {
      scheduler.shutdownNow();
      work.shutdownNow();
      throw e;
    }
  }

  /** Checks the options, then opens the store and connects; nothing is written before. */
  static ChainContext open(ChainOptions chain) {
    chain.check(true);
    Database database = Database.open(chain.store());
    try {
      return new ChainContext(database, chain.profile(database));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  NetworkSession session() {
    return session;
  }

  RegistryClient registry() {
    return session.registry();
  }

  Database database() {
    return database;
  }

  /** Every provider as the registry holds it now (not as indexed: the index lags by its depth). */
  List<ProviderRecord> providers() throws Exception {
    List<CompletableFuture<ProviderRecord>> reads =
        registry().providers().get().stream().map(a -> registry().provider(a)).toList();
    List<ProviderRecord> out = new ArrayList<>();
    for (CompletableFuture<ProviderRecord> read : reads) {
      out.add(read.get());
    }
    return out;
  }

  RegistryActions as(Credentials account) {
    return session.registry().as(account);
  }

  /**
   * Waits until the block holding a transaction has {@code confirmations} blocks on top (0: mined
   * is enough), the depth a network's index follows the chain at: once this returns, a client
   * indexing at that depth sees the transaction.
   */
  static void awaitDepth(Web3j web3j, long block, int confirmations)
      throws IOException, InterruptedException {
    io.waypost.core.registry.RegistryDeployment.awaitDepth(web3j, block, confirmations);
  }

  @Override
  public void close() {
    session.close();
    shutdown();
  }

  private void shutdown() {
    scheduler.shutdownNow();
    work.shutdownNow();
    database.close();
  }
}
