package io.waypost.core.bench;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetNode;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.index.RegistryIndexer;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.registry.NodeRegistration;
import io.waypost.core.registry.Verification;
import io.waypost.core.store.Database;
import io.waypost.core.trust.Observation;
import io.waypost.core.trust.RegistrySnapshot;
import io.waypost.core.trust.TrustVerdict;
import io.waypost.core.trust.TrustVerifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;

/**
 * Verifying 1,000 discovered nodes: against the local index, against the contract's batch view, and
 * naively with one eth_call per node. Run with bench/core.sh verify.
 */
public final class VerifyBenchmark {

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    java.util.Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path dir = Files.createTempDirectory("waypost-verify-bench");
    ExecutorService executor = Executors.newFixedThreadPool(8);
    ServiceId mail = ServiceId.of("mailserver");
    try (Database db = Database.open(dir.resolve("w.db"));
        Devnet devnet =
            Devnet.start(
                new Devnet.Options(dir, false, FoundryToolchain.locate().anvil()),
                db,
                executor,
                Clock.systemUTC())) {
      Devnet.DevAccount status = Devnet.accounts().get(1);
      List<NodeId> ids = new ArrayList<>();
      long expiry = System.currentTimeMillis() / 1000 + 3600;
      for (int batch = 0; batch < count / 100; batch++) {
        List<NodeRegistration> registrations = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          ECKeyPair key =
              ECKeyPair.create(
                  new BigInteger(
                      1,
                      Hash.sha3(
                          ("bench node " + batch + "/" + i).getBytes(StandardCharsets.UTF_8))));
          NodeRegistration r =
              NodeRegistration.sign(
                  key, 31337, devnet.registry().address(), status.address(), mail, 0, expiry);
          registrations.add(r);
          ids.add(r.nodeId());
        }
        devnet.registry().as(status.credentials()).registerNodes(registrations).get();
      }
      RegistryIndexer indexer =
          new RegistryIndexer(
              devnet.chain().web3j(),
              "devnet",
              devnet.registry().address(),
              devnet.profile().registryKey(),
              0,
              db,
              RegistryIndexer.Options.devnet(),
              Executors.newSingleThreadScheduledExecutor(),
              Clock.systemUTC());
      indexer.syncOnce();
      List<Observation> observations = new ArrayList<>();
      for (NodeId id : ids) {
        observations.add(
            new Observation(
                id,
                mail,
                Optional.empty(),
                Set.of(Observation.Advertisement.TOPIC_AD),
                Observation.Liveness.proven(Duration.ofMillis(2))));
      }
      TrustVerifier verifier = new TrustVerifier(Clock.systemUTC());
      Set<Address> trusted = Set.of(status.address());

      for (int warm = 0; warm < 3; warm++) { // warm the JIT for all three paths
        verifier.verify(
            observations,
            RegistrySnapshot.of(indexer.view(), indexer.state()),
            trusted,
            Set.of(),
            Map.of());
        devnet.registry().verifyBatch(ids, mail).get();
        for (int i = 0; i < 50; i++) {
          devnet.registry().verify(ids.get(i), mail).get();
        }
      }

      List<Long> localRuns = new ArrayList<>();
      List<Long> cachedRuns = new ArrayList<>();
      java.util.function.Supplier<RegistrySnapshot> cachedSnapshot =
          RegistrySnapshot.cached(indexer);
      cachedSnapshot.get();
      List<Long> snapshotRuns = new ArrayList<>();
      List<Long> batchRuns = new ArrayList<>();
      List<Long> naiveRuns = new ArrayList<>();
      List<TrustVerdict> local = List.of();
      List<TrustVerdict> confirmed = List.of();
      int trustedNaive = 0;
      for (int run = 0; run < 5; run++) {
        long t0 = System.nanoTime();
        RegistrySnapshot snapshot = RegistrySnapshot.of(indexer.view(), indexer.state());
        long t1 = System.nanoTime();
        local = verifier.verify(observations, snapshot, trusted, Set.of(), Map.of());
        long t2 = System.nanoTime();
        localRuns.add((t2 - t0) / 1000);
        long t3 = System.nanoTime();
        verifier.verify(observations, cachedSnapshot.get(), trusted, Set.of(), Map.of());
        cachedRuns.add((System.nanoTime() - t3) / 1000);
        snapshotRuns.add((t1 - t0) / 1000);

        t0 = System.nanoTime();
        List<Verification> batch = devnet.registry().verifyBatch(ids, mail).get();
        Map<NodeId, Verification> onChain = new java.util.HashMap<>();
        batch.forEach(v -> onChain.put(v.nodeId(), v));
        confirmed = verifier.verify(observations, snapshot, trusted, Set.of(), onChain);
        batchRuns.add((System.nanoTime() - t0) / 1000);

        t0 = System.nanoTime();
        trustedNaive = 0;
        for (NodeId id : ids) {
          if (devnet.registry().verify(id, mail).get().trusted()) {
            trustedNaive++;
          }
        }
        naiveRuns.add((System.nanoTime() - t0) / 1000);
      }
      long localMicros = median(localRuns);
      long batchMicros = median(batchRuns);
      long naiveMicros = median(naiveRuns);
      System.out.printf(
          "median of 5 runs; of the local index's time, reading the snapshot from SQLite: %.1f ms%n",
          median(snapshotRuns) / 1000.0);

      long trustedLocal = local.stream().filter(v -> v.kind() == TrustVerdict.Kind.TRUSTED).count();
      long trustedBatch =
          confirmed.stream().filter(v -> v.kind() == TrustVerdict.Kind.TRUSTED).count();
      System.out.printf(
          "nodes %d, trusted: local %d, batch %d, naive %d%n",
          count, trustedLocal, trustedBatch, trustedNaive);
      System.out.printf("%-32s %10s %10s %10s%n", "method", "ms", "RPC calls", "vs naive");
      long cachedMicros = median(cachedRuns);
      System.out.printf(
          "%-32s %10.1f %10d %9.0fx%n",
          "local index, snapshot cached",
          cachedMicros / 1000.0,
          0,
          (double) naiveMicros / cachedMicros);
      System.out.printf(
          "%-32s %10.1f %10d %9.0fx%n",
          "local index, snapshot read",
          localMicros / 1000.0,
          0,
          (double) naiveMicros / localMicros);
      System.out.printf(
          "%-32s %10.1f %10d %9.0fx%n",
          "contract batch view (+ verdicts)",
          batchMicros / 1000.0,
          (count + 999) / 1000,
          (double) naiveMicros / batchMicros);
      System.out.printf(
          "%-32s %10.1f %10d %10s%n",
          "naive: one eth_call per node", naiveMicros / 1000.0, count, "1x");
      List<DevnetNode> unused = devnet.nodes(); // keeps the devnet referenced until here
      if (unused.isEmpty()) {
        throw new IllegalStateException("devnet without nodes");
      }
    } finally {
      executor.shutdownNow();
    }
  }
}
