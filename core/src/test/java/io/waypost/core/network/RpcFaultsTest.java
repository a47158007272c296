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

  /** A loopback port nothing listens on: connections to it are refused. */
  private static int deadPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
