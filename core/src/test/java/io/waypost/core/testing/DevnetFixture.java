package io.waypost.core.testing;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.index.RegistryIndexer;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A booted devnet with its store, executors and an indexer over its registry; closes all. */
public final class DevnetFixture implements AutoCloseable {

  public final Database database;
  public final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  public final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  public final Devnet devnet;
  public final RegistryIndexer indexer;

  public DevnetFixture(Path dataDir) throws Exception {
    this.database = Database.open(dataDir.resolve("waypost.db"));
    this.devnet =
        Devnet.start(
            new Devnet.Options(dataDir, false, FoundryToolchain.locate().anvil()),
            database,
            executor,
            Clock.systemUTC());
    NetworkProfile profile = devnet.profile();
    this.indexer =
        new RegistryIndexer(
            devnet.chain().web3j(),
            profile.rpc().toString(),
            profile.registry(),
            profile.registryKey(),
            profile.deploymentBlock(),
            database,
            RegistryIndexer.Options.devnet(),
            scheduler,
            Clock.systemUTC());
  }

  @Override
  public void close() {
    indexer.close();
    scheduler.shutdownNow();
    devnet.close();
    executor.shutdownNow();
    database.close();
  }
}
