package io.waypost.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.chain.FailoverRpc;
import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.index.IndexerState;
import io.waypost.core.index.RegistryIndexer;
import io.waypost.core.testing.DevnetFixture;
import io.waypost.core.testing.Eventually;
import io.waypost.core.testing.RpcProxy;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session indexes the registry completely through endpoints as they really are: the profile's
 * first URL is dead, the second caps eth_getLogs at 3 blocks, answers every 7th request with 429
 * (every other time with Retry-After: 1) and lets every 23rd request hang past the client's
 * timeout. The request counts go to docs/benchmarks.md.
 */
class RpcFaultsTest {

  @TempDir Path dataDir;

  @Test
  void theIndexCompletesThroughRangeCapsRateLimitsHangsAndADeadFirstUrl() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir);
        RpcProxy proxy = new RpcProxy(f.devnet.profile().rpc().url())) {
      proxy.faults(new RpcProxy.Faults(3, 7, 1, 23, 6_000));
      NetworkProfile devnet = f.devnet.profile();
      NetworkProfile profile =
          new NetworkProfile(
              "faulty",
              RpcEndpoint.parse("http://127.0.0.1:" + deadPort() + "/v3/0123456789abcdef0123"),
              devnet.chainId(),
              devnet.registry(),
              0,
              devnet.trustedProviders(),
              List.of(),
              List.of(RpcEndpoint.parse(proxy.url())),
              OptionalInt.of(0));
      SessionTiming timing =
          SessionTiming.devnet()
              .withIndexer(new RegistryIndexer.Options(0, Duration.ofMillis(250), 2_000, 50_000));
      long started = System.nanoTime();
      try (io.waypost.core.store.Database own =
              io.waypost.core.store.Database.open(dataDir.resolve("session.db"));
          NetworkSession session =
              NetworkSession.builder(profile, own)
                  .executors(f.executor, f.scheduler)
                  .timing(timing)
                  .withoutDiscovery()
                  .start()) {
        f.indexer.syncOnce(); // the same registry indexed directly, for comparison
        int expected = f.indexer.view().eventCount();
        Eventually.await(
            () -> "the index is complete; it is " + session.indexer().state(),
            Duration.ofSeconds(120),
            () ->
                session.indexer().state() instanceof IndexerState.Synced
                    && session.view().eventCount() == expected);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(4, session.view().providers().size());
        FailoverRpc.Counts client = session.chain().rpcCounts().orElseThrow();
        Map<String, Long> seen = proxy.counts();
        System.out.println(
            "RPC faults: indexed "
                + expected
                + " events in "
                + millis
                + " ms; client "
                + client
                + "; proxy "
                + seen);
        assertTrue(seen.getOrDefault("fault: range refused", 0L) > 0, seen.toString());
        assertTrue(seen.getOrDefault("fault: 429 with Retry-After", 0L) > 0, seen.toString());
        assertTrue(seen.getOrDefault("fault: 429 without Retry-After", 0L) > 0, seen.toString());
        assertTrue(client.failovers() > 0, "moved past the dead first URL: " + client);
      }
    }
  }

  /**
   * A stale head: the first URL's head stops while the chain moves on (a curator suspends Status),
   * and the session moves to the second URL, which is ahead, and indexes the suspension. Then both
   * URLs answer heads behind what was indexed (one stopped, one gone back): the index keeps what it
   * has and is marked stale, not rolled back; when they catch up it is current again.
   */
  @Test
  void aStaleHeadIsLeftForTheUrlThatIsAheadAndMarksTheIndexStaleWhenAllAreBehind()
      throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir);
        RpcProxy first = new RpcProxy(f.devnet.profile().rpc().url());
        RpcProxy second = new RpcProxy(f.devnet.profile().rpc().url());
        io.waypost.core.store.Database own =
            io.waypost.core.store.Database.open(dataDir.resolve("session.db"))) {
      NetworkProfile devnet = f.devnet.profile();
      NetworkProfile profile =
          new NetworkProfile(
              "lagging",
              RpcEndpoint.parse(first.url()),
              devnet.chainId(),
              devnet.registry(),
              0,
              devnet.trustedProviders(),
              List.of(),
              List.of(RpcEndpoint.parse(second.url())),
              OptionalInt.of(0));
      io.waypost.core.model.Address status =
          io.waypost.core.devnet.Devnet.accounts().get(1).address();
      try (NetworkSession session =
          NetworkSession.builder(profile, own)
              .executors(f.executor, f.scheduler)
              .timing(SessionTiming.devnet())
              .withoutDiscovery()
              .start()) {
        long head = f.devnet.chain().web3j().ethBlockNumber().send().getBlockNumber().longValue();
        first.freezeHead(head);
        f.devnet
            .registry()
            .as(io.waypost.core.devnet.DevAccounts.account(0))
            .suspendProvider(status, "while the first URL lags")
            .get();
        long mined = head + 1;
        Eventually.await(
            () -> "the suspension indexed through the second URL; " + session.indexer().state(),
            Duration.ofSeconds(30),
            () ->
                session.view().provider(status).orElseThrow().status()
                    == io.waypost.core.model.ProviderStatus.SUSPENDED);
        FailoverRpc.Counts counts = session.chain().rpcCounts().orElseThrow();
        assertTrue(counts.staleHeads() > 0, "left the URL whose head stopped: " + counts);

        second.freezeHead(mined - 2); // goes back, while the first is still stopped
        Eventually.await(
            () -> "stale while every URL is behind; " + session.indexer().state(),
            Duration.ofSeconds(30),
            () ->
                session.indexer().state() instanceof IndexerState.Stale s
                    && s.reason().contains("is behind"));
        assertEquals(
            io.waypost.core.model.ProviderStatus.SUSPENDED,
            session.view().provider(status).orElseThrow().status(),
            "what was indexed is kept");

        first.freezeHead(-1);
        second.freezeHead(-1);
        Eventually.await(
            () -> "current again; " + session.indexer().state(),
            Duration.ofSeconds(30),
            () -> session.indexer().state() instanceof IndexerState.Synced);
        System.out.println(
            "Stale heads: client "
                + counts
                + "; proxies "
                + first.counts()
                + " "
                + second.counts());
      }
    }
  }

  /** A loopback port nothing listens on: connections to it are refused. */
  private static int deadPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
