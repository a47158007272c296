package io.waypost.core.discovery.bench;

import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.LocalNetwork;
import io.waypost.core.discovery.SearchResult;
import io.waypost.core.discovery.topic.TopicParameters;
import io.waypost.core.model.ServiceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * Topic query versus ENR-entry random walk on a loopback network (docs/benchmarks.md, "Discovery").
 * Not a test: run it with bench/discovery.sh.
 *
 * <p>Args: nodes (200), advertisers (10), runs (9), ad lifetime seconds (20), settle seconds (3
 * lifetimes + 30 s). The nodes' routing tables fill through the library's recursive lookups, one
 * every 45 s per node, so the ads placed keep rising for minutes; the simulator's tables are
 * converged from the start, and a validation against it settles until the ads stop rising.
 */
public final class DiscoveryBenchmark {

  static final ServiceId MAIL = ServiceId.of("mailserver");

  record Run(String method, int found, long requests, long messages, long millis) {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int advertiserCount = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 9;
    Duration lifetime = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 20);
    Duration settle =
        args.length > 4
            ? Duration.ofSeconds(Long.parseLong(args[4]))
            : lifetime.multipliedBy(3).plusSeconds(30);
    int wanted = advertiserCount;
    Random random = new Random(1);
    TopicParameters parameters = TopicParameters.defaults().withAdLifetime(lifetime);
    long t0 = System.nanoTime();
    try (LocalNetwork network = new LocalNetwork(parameters)) {
      DiscoveryNode boot = network.add(network.builder(LocalNetwork.nextAddress()));
      List<Integer> advertiserIndexes = new ArrayList<>();
      for (int i = 0; i < nodes - 1; i++) {
        advertiserIndexes.add(i);
      }
      Collections.shuffle(advertiserIndexes, random);
      List<Integer> chosen = advertiserIndexes.subList(0, advertiserCount);
      List<DiscoveryNode> advertisers = new ArrayList<>();
      // Start in parallel batches: each node binds its own address and port.
      List<CompletableFuture<DiscoveryNode>> starting = new ArrayList<>();
      for (int i = 0; i < nodes - 1; i++) {
        DiscoveryNode.Builder b =
            network
                .builder(LocalNetwork.nextAddress())
                .placementInterval(Duration.ofSeconds(1))
                .recursiveLookupInterval(Duration.ofSeconds(45))
                // 200 nodes share 2 cores: the library's 1 s liveness rounds would starve them.
                .lifeCheckInterval(Duration.ofSeconds(10))
                .bootnode(boot.localRecord());
        if (chosen.contains(i)) {
          b.advertise(MAIL);
        }
        DiscoveryNode node = network.add(b);
        if (chosen.contains(i)) {
          advertisers.add(node);
        }
        starting.add(CompletableFuture.completedFuture(node));
      }
      System.out.printf("started %d nodes in %d s%n", nodes, secondsSince(t0));
      // Let routing tables fill and ads settle: the waiting times scale with the lifetime E, and
      // a registrar admits a second ad of the same service after about E.
      long settleUntil = System.nanoTime() + settle.toNanos();
      while (System.nanoTime() < settleUntil) {
        Thread.sleep(5_000);
        int placed = advertisers.stream().mapToInt(a -> a.activeAdPlacements(MAIL)).sum();
        long failed = advertisers.stream().mapToLong(a -> a.failedAdPlacements(MAIL)).sum();
        long known = boot.knownNodes().count();
        long[] tables =
            network.nodes().stream().mapToLong(n -> n.knownNodes().count()).sorted().toArray();
        System.out.printf(
            "  t=%ds ads placed=%d (avg %.1f per advertiser, %d registrations failed), boot knows"
                + " %d, a node knows %d (median)%n",
            secondsSince(t0),
            placed,
            placed / (double) advertisers.size(),
            failed,
            known,
            tables[tables.length / 2]);
      }
      int[] held =
          network.nodes().stream()
              .mapToInt(n -> n.registrar().adCount(MAIL))
              .filter(c -> c > 0)
              .sorted()
              .toArray();
      System.out.printf(
          "registrars holding the topic %d, most ads of it at one registrar %d%n",
          held.length, held.length == 0 ? 0 : held[held.length - 1]);
      List<Run> results = new ArrayList<>();
      List<DiscoveryNode> all = network.nodes();
      for (int r = 0; r < runs; r++) {
        for (String method : List.of("topic", "walk")) {
          NodeRecord bootnode = all.get(1 + random.nextInt(all.size() - 1)).localRecord();
          DiscoveryNode searcher =
              network
                  .builder(LocalNetwork.nextAddress())
                  .recursiveLookupInterval(Duration.ofHours(1))
                  .bootnode(bootnode)
                  .build();
          searcher.start().join();
          long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
          while (searcher.knownNodes().findAny().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
          long knew = searcher.knownNodes().count();
          SearchResult result =
              method.equals("topic")
                  ? searcher.searchByTopic(MAIL, wanted).join()
                  : searcher.searchByEnrWalk(MAIL, wanted, 5_000).join();
          Run run =
              new Run(
                  method,
                  result.found().size(),
                  result.requests(),
                  result.messages(),
                  result.elapsed().toMillis());
          results.add(run);
          System.out.printf(
              "  run %d %-5s knew %3d nodes, found %2d/%d with %4d requests, %4d messages in %5d ms%n",
              r + 1,
              method,
              knew,
              run.found(),
              wanted,
              run.requests(),
              run.messages(),
              run.millis());
          CompletableFuture.runAsync(searcher::close);
        }
      }
      for (String method : List.of("topic", "walk")) {
        List<Run> mine = results.stream().filter(x -> x.method().equals(method)).toList();
        System.out.printf(
            "MEDIAN %-5s found %d/%d, requests %d, messages %d, time %d ms (runs: %d, all found in %d)%n",
            method,
            median(mine, Run::found),
            wanted,
            median(mine, Run::requests),
            median(mine, Run::messages),
            median(mine, Run::millis),
            mine.size(),
            mine.stream().filter(x -> x.found() >= wanted).count());
      }
    }
  }

  static long median(List<Run> runs, ToLongFunction<Run> f) {
    long[] values = runs.stream().mapToLong(f).sorted().toArray();
    return values[values.length / 2];
  }

  static long secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000_000L;
  }
}
