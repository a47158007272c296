package io.waypost.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.model.Address;
import io.waypost.core.registry.RegistryActions;
import io.waypost.core.store.Database;
import io.waypost.core.testing.ChildJvm;
import io.waypost.core.testing.DevnetFixture;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;

/** kill -9 while indexing, restart: the store is consistent and indexing resumes. */
class CrashSafetyTest {

  /** The child: indexes one block per page, slowly, printing each page, until killed. */
  public static final class IndexesSlowly {
    public static void main(String[] args) throws Exception {
      Path db = Path.of(args[0]);
      RpcEndpoint endpoint = RpcEndpoint.parse(args[1]);
      Address registry = Address.of(args[2]);
      try (Database database = Database.open(db)) {
        Web3j web3j = endpoint.connect(Duration.ofSeconds(5));
        RegistryIndexer indexer =
            new RegistryIndexer(
                web3j,
                args[1],
                registry,
                "31337:" + registry,
                0,
                database,
                new RegistryIndexer.Options(0, Duration.ofSeconds(1), 1, 1),
                Executors.newSingleThreadScheduledExecutor(),
                Clock.systemUTC());
        indexer.addListener(
            update -> {
              System.out.println("PAGE " + update.block());
              System.out.flush();
              java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // a slow indexer
            });
        indexer.syncOnce();
        System.out.println("DONE");
      }
    }
  }

  @TempDir Path dataDir;

  @Test
  void killedMidIndexingThenResumes() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      RegistryActions curator = f.devnet.registry().as(Devnet.accounts().get(0).credentials());
      // One block each: many pages to cut. The devnet has 2 services; the catalogue holds 32.
      for (int i = 0; i < 30; i++) {
        curator.addService("crash-" + i).get();
      }
      Path index = dataDir.resolve("index.db");
      String rpc = f.devnet.profile().rpc().toString();
      Address registry = f.devnet.registry().address();
      try (ChildJvm child =
          new ChildJvm(IndexesSlowly.class, index.toString(), rpc, registry.value())) {
        child.awaitLine("PAGE ", Duration.ofSeconds(30));
        for (int i = 0; i < 9; i++) {
          child.awaitLine("PAGE ", Duration.ofSeconds(10));
        }
        child.kill();
      }

      try (Database reopened = Database.open(index)) {
        String integrity =
            reopened.read(
                c -> {
                  try (ResultSet r = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                    r.next();
                    return r.getString(1);
                  }
                });
        assertEquals("ok", integrity);
        RegistryIndexer indexer =
            new RegistryIndexer(
                f.devnet.chain().web3j(),
                rpc,
                registry,
                "31337:" + registry,
                0,
                reopened,
                RegistryIndexer.Options.devnet(),
                f.scheduler,
                Clock.systemUTC());
        long cursor =
            new IndexStore(reopened, "31337:" + registry, Clock.systemUTC())
                .cursor()
                .orElseThrow()
                .blockNumber();
        assertEquals(
            logsUpTo(f, registry, cursor),
            indexer.view().eventCount(),
            "exactly the events of the committed pages, none half-written");
        assertTrue(indexer.view().services().size() < 32, "the crash came mid-way");

        indexer.syncOnce();
        assertEquals(32, indexer.view().services().size(), "indexing resumed and finished");
        assertEquals(logsUpTo(f, registry, Long.MAX_VALUE), indexer.view().eventCount());
      }
    }
  }

  private static int logsUpTo(DevnetFixture f, Address registry, long block) throws Exception {
    long head = f.devnet.chain().web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.ZERO),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(Math.min(block, head))),
            registry.value());
    return f.devnet.chain().web3j().ethGetLogs(filter).send().getLogs().size();
  }
}
