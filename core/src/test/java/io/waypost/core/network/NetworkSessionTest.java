package io.waypost.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.index.IndexerState;
import io.waypost.core.store.Database;
import io.waypost.core.testing.DevnetFixture;
import io.waypost.core.testing.Eventually;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkSessionTest {

  @TempDir Path dataDir;

  @Test
  void aSavedProfileConnectsChecksAndIndexes() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      NetworkProfile devnet = f.devnet.profile();
      NetworkProfile saved =
          new NetworkProfile(
              "local anvil",
              devnet.rpc(),
              devnet.chainId(),
              devnet.registry(),
              0,
              devnet.trustedProviders(),
              List.of());
      NetworkProfiles profiles = new NetworkProfiles(f.database, Clock.systemUTC());
      profiles.save(saved);
      NetworkProfile loaded = profiles.find("local anvil").orElseThrow();
      assertEquals(saved, loaded, "stored and read back unchanged");

      try (NetworkSession session =
          NetworkSession.connect(
              loaded,
              f.database,
              new NetworkSession.Executors(f.executor, f.scheduler),
              Clock.systemUTC())) {
        Eventually.await(
            "the session's index is synced",
            Duration.ofSeconds(10),
            () -> session.indexer().state() instanceof IndexerState.Synced);
        assertEquals(4, session.view().providers().size());
      }
    }
  }

  @Test
  void aPersistedDevnetKeepsItsRegistryAndNodeKeys() throws Exception {
    var executor = Executors.newVirtualThreadPerTaskExecutor();
    Devnet.Options options = new Devnet.Options(dataDir, true, FoundryToolchain.locate().anvil());
    try (Database db = Database.open(dataDir.resolve("waypost.db"))) {
      NetworkProfile first;
      List<DevnetNode> firstNodes;
      try (Devnet devnet = Devnet.start(options, db, executor, Clock.systemUTC())) {
        first = devnet.profile();
        firstNodes = devnet.nodes();
      }
      try (Devnet again = Devnet.start(options, db, executor, Clock.systemUTC())) {
        assertEquals(first.registry(), again.profile().registry(), "the saved registry is reused");
        assertEquals(firstNodes, again.nodes(), "same node keys");
        assertEquals(4, again.registry().providers().get().size(), "with its data");
      }
    } finally {
      executor.shutdownNow();
    }
  }
}
