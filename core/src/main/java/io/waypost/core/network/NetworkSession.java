package io.waypost.core.network;

import io.waypost.core.chain.ChainConnection;
import io.waypost.core.chain.JournalReceiptProcessor;
import io.waypost.core.chain.PendingTransactions;
import io.waypost.core.index.RegistryIndexer;
import io.waypost.core.index.RegistryView;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything a console or CLI needs for one network profile: a checked connection to its chain, the
 * registry (checked to be the registry), its index following new blocks, and the transactions a
 * previous run left pending, watched again.
 */
public final class NetworkSession implements AutoCloseable {

  /** The executors the session runs on; owned by the caller. */
  public record Executors(ExecutorService work, ScheduledExecutorService scheduler) {}

  private final NetworkProfile profile;
  private final ChainConnection chain;
  private final RegistryClient registry;
  private final RegistryIndexer indexer;
  private final boolean ownsChain;

  private NetworkSession(
      NetworkProfile profile,
      ChainConnection chain,
      RegistryClient registry,
      RegistryIndexer indexer,
      boolean ownsChain) {
    this.profile = profile;
    this.chain = chain;
    this.registry = registry;
    this.indexer = indexer;
    this.ownsChain = ownsChain;
  }

  /**
   * Connects to a profile's network: checks the chain id and the registry's code, starts indexing
   * and resumes unfinished transactions. Errors name what is wrong with the profile.
   */
  public static NetworkSession connect(
      NetworkProfile profile, Database database, Executors executors, Clock clock) {
    boolean devnet = profile.isDevnet();
    ChainConnection chain =
        ChainConnection.open(
            profile.rpc(),
            profile.chainId(),
            database,
            clock,
            devnet
                ? JournalReceiptProcessor.Polling.devnet()
                : JournalReceiptProcessor.Polling.network(),
            Duration.ofSeconds(devnet ? 5 : 15));
    try {
      return start(profile, chain, true, database, executors, clock);
    } catch (RuntimeException e) {
      chain.close();
      throw e;
    }
  }

  /** A session over a chain connection someone else owns (the embedded devnet's). */
  public static NetworkSession over(
      NetworkProfile profile,
      ChainConnection chain,
      Database database,
      Executors executors,
      Clock clock) {
    return start(profile, chain, false, database, executors, clock);
  }

  private static NetworkSession start(
      NetworkProfile profile,
      ChainConnection chain,
      boolean ownsChain,
      Database database,
      Executors executors,
      Clock clock) {
    RegistryClient registry = RegistryClient.connect(chain, profile.registry(), executors.work());
    RegistryIndexer indexer =
        new RegistryIndexer(
            chain.web3j(),
            profile.rpc().toString(),
            profile.registry(),
            profile.registryKey(),
            profile.deploymentBlock(),
            database,
            profile.isDevnet()
                ? RegistryIndexer.Options.devnet()
                : RegistryIndexer.Options.network(),
            executors.scheduler(),
            clock);
    indexer.start();
    new PendingTransactions(chain.web3j(), chain.journal(), chain.receipts())
        .resume(executors.work());
    return new NetworkSession(profile, chain, registry, indexer, ownsChain);
  }

  public NetworkProfile profile() {
    return profile;
  }

  public ChainConnection chain() {
    return chain;
  }

  public RegistryClient registry() {
    return registry;
  }

  public RegistryIndexer indexer() {
    return indexer;
  }

  public RegistryView view() {
    return indexer.view();
  }

  @Override
  public void close() {
    indexer.close();
    if (ownsChain) {
      chain.close();
    }
  }
}
