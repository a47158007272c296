package io.waypost.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.devnet.DevAccounts;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.index.IndexerState;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.store.Database;
import io.waypost.core.testing.DevnetFixture;
import io.waypost.core.testing.Eventually;
import io.waypost.core.testing.ResourceLevels;
import io.waypost.core.trust.TrustVerdict;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkSessionTest {

  private static final ServiceId MAIL = ServiceId.of("mailserver");

  @TempDir Path dataDir;

  /**
   * With every URL down, a session starts from what an earlier one indexed: stale from the start
   * (its age counted from that run), and when the endpoint answers again (checked to be the chain)
   * the index follows it and takes in what happened meanwhile.
   */
  @Test
  void startsFromItsIndexWhileTheEndpointIsDownAndFollowsTheChainWhenItReturns() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir);
        io.waypost.core.testing.RpcProxy proxy =
            new io.waypost.core.testing.RpcProxy(f.devnet.profile().rpc().url());
        Database own = Database.open(dataDir.resolve("client.db"))) {
      NetworkProfile devnet = f.devnet.profile();
      NetworkProfile profile =
          new NetworkProfile(
              "behind a proxy",
              io.waypost.core.chain.RpcEndpoint.parse(proxy.url()),
              devnet.chainId(),
              devnet.registry(),
              0,
              devnet.trustedProviders(),
              List.of());
      NetworkSessionBuilder builder =
          NetworkSession.builder(profile, own)
              .executors(f.executor, f.scheduler)
              .timing(SessionTiming.devnet())
              .withoutDiscovery();
      try (NetworkSession first = builder.start()) {
        assertTrue(
            !first.startedFromIndex() && first.indexer().state() instanceof IndexerState.Synced);
      }
      proxy.stop();
      var status = Devnet.accounts().get(1).address();
      try (NetworkSession session =
          NetworkSession.builder(profile, own)
              .executors(f.executor, f.scheduler)
              .timing(SessionTiming.devnet())
              .withoutDiscovery()
              .start()) {
        assertTrue(session.startedFromIndex(), "started while the endpoint is down");
        assertTrue(
            session.indexer().state() instanceof IndexerState.Stale,
            "stale from the start: " + session.indexer().state());
        assertEquals(4, session.view().providers().size(), "the index serves what it has");

        f.devnet.registry().as(DevAccounts.account(0)).suspendProvider(status, "meanwhile").get();
        proxy.restart();
        Eventually.await(
            () -> "the suspension indexed once the endpoint is back; " + session.indexer().state(),
            Duration.ofSeconds(30),
            () ->
                session.indexer().state() instanceof IndexerState.Synced
                    && session.view().provider(status).orElseThrow().status()
                        == io.waypost.core.model.ProviderStatus.SUSPENDED);
      }
    }
  }

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
          NetworkSession.builder(loaded, f.database)
              .executors(f.executor, f.scheduler)
              .withoutDiscovery()
              .start()) {
        assertTrue(
            session.indexer().state() instanceof IndexerState.Synced,
            "indexed up to the head before start returns: " + session.indexer().state());
        assertEquals(4, session.view().providers().size());
        assertTrue(session.discovery().isEmpty(), "built without discovery");
        long deployed = session.indexer().deploymentBlock();
        assertTrue(deployed > 0, "found by binary search, not left at 0");
        assertEquals(deployed, session.profile().deploymentBlock(), "the session's profile has it");
        assertEquals(
            deployed,
            profiles.find("local anvil").orElseThrow().deploymentBlock(),
            "saved into the profile: the search is made once");
        var web3j = session.chain().web3j();
        String registry = loaded.registry().value();
        assertEquals(
            "0x",
            web3j.ethGetCode(registry, block(deployed - 1)).send().getCode(),
            "no code the block before");
        assertTrue(
            web3j.ethGetCode(registry, block(deployed)).send().getCode().length() > 2,
            "code from the deployment block on");
      }
    }
  }

  /**
   * The unit as a client uses it: joined through the profile's bootnode, a client per catalogue
   * service, verdicts pushed; a suspension behind its back is pushed within seconds; closed, it
   * leaves no thread or socket of its own.
   */
  @Test
  void findsTheNetworksNodesPushesChangedVerdictsAndLeavesNothingBehind() throws Exception {
    var executor = Executors.newVirtualThreadPerTaskExecutor();
    Devnet.Options options =
        new Devnet.Options(dataDir, false, FoundryToolchain.locate().anvil()).withDiscovery();
    try (Database db = Database.open(dataDir.resolve("waypost.db"));
        Devnet devnet = Devnet.start(options, db, executor, Clock.systemUTC())) {
      assertEquals(1, devnet.profile().bootnodes().size(), "the profile names the bootnode");
      Map<NodeId, String> names =
          devnet.nodes().stream().collect(Collectors.toMap(DevnetNode::nodeId, DevnetNode::name));

      AtomicReference<VerdictSnapshot> latest = new AtomicReference<>();
      try (NetworkSession session = NetworkSession.builder(devnet.profile(), db).start()) {
        assertEquals(
            Map.of(MAIL, "mailserver", ServiceId.of("push-notification"), "push-notification"),
            session.view().services(),
            "the catalogue");
        session.onVerdicts(latest::set);
        Function<String, TrustVerdict.Kind> kindOf =
            name ->
                latest.get() == null
                    ? null
                    : latest.get().of(MAIL).stream()
                        .filter(v -> name.equals(names.get(v.nodeId())))
                        .map(TrustVerdict::kind)
                        .findFirst()
                        .orElse(null);
        Eventually.await(
            () ->
                "the mail servers' verdicts are pushed; last pushed: "
                    + describe(latest.get(), names),
            Duration.ofSeconds(60),
            () ->
                kindOf.apply("status-mail-1") == TrustVerdict.Kind.TRUSTED
                    && kindOf.apply("oldmail-mail-1") == TrustVerdict.Kind.UNTRUSTED
                    && kindOf.apply("unregistered-mail-1") == TrustVerdict.Kind.UNTRUSTED);
        assertTrue(
            session.client(ServiceId.of("push-notification")).isPresent(), "a push client too");

        long sequence = latest.get().sequence();
        devnet
            .registry()
            .as(DevAccounts.account(0))
            .suspendProvider(
                Devnet.accounts().get(1).address(), "test: suspended behind the client's back")
            .get();
        // Indexed within a poll (250 ms on the devnet); pushed within the coalescing delay.
        Eventually.await(
            () ->
                "the suspension is pushed as UNTRUSTED; last pushed: "
                    + describe(latest.get(), names),
            Duration.ofSeconds(10),
            () -> kindOf.apply("status-mail-1") == TrustVerdict.Kind.UNTRUSTED);
        assertTrue(latest.get().sequence() > sequence, "a new snapshot");
      }

      // The devnet's nodes have all answered a session by now (their threads start lazily): from
      // this level, a second session must leave nothing behind.
      ResourceLevels before = ResourceLevels.now();
      // The second session is a one-shot command's: a client for one service, no registrar.
      AtomicReference<VerdictSnapshot> second = new AtomicReference<>();
      try (NetworkSession session =
          NetworkSession.builder(devnet.profile(), db)
              .clientsOnlyFor(java.util.Set.of(MAIL))
              .discoveryRegistrar(false)
              .start()) {
        session.onVerdicts(second::set);
        Eventually.await(
            "the second session has verdicts",
            Duration.ofSeconds(60),
            () -> second.get() != null && second.get().of(MAIL).size() >= 3);
        assertTrue(session.client(ServiceId.of("push-notification")).isEmpty(), "no push client");
        assertTrue(
            !io.waypost.core.discovery.topic.TopDiscCapability.isRegistrar(
                session.discovery().orElseThrow().localRecord()),
            "its node is no registrar");
      }
      before.awaitReturn(Duration.ofSeconds(20));
    } finally {
      executor.shutdownNow();
    }
  }

  private static org.web3j.protocol.core.DefaultBlockParameter block(long number) {
    return org.web3j.protocol.core.DefaultBlockParameter.valueOf(
        java.math.BigInteger.valueOf(number));
  }

  private static String describe(VerdictSnapshot snapshot, Map<NodeId, String> names) {
    if (snapshot == null) {
      return "nothing";
    }
    return "#"
        + snapshot.sequence()
        + " "
        + snapshot.registry()
        + " "
        + snapshot.of(MAIL).stream()
            .map(v -> names.getOrDefault(v.nodeId(), v.nodeId().toString()) + "=" + v.summary())
            .toList();
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
