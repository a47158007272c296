package io.waypost.core.bench;

import io.waypost.core.devnet.DevnetDiscovery;
import io.waypost.core.devnet.DevnetDiscovery.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Stopping a devnet-sized discovery network (12 nodes and a bootnode): in parallel, as {@link
 * DevnetDiscovery#close()} does, against one node after another, as the common pool did on a
 * two-core machine. Run with bench/core.sh stop.
 */
public final class DiscoveryStopBenchmark {

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int size = 12;
    System.out.printf(
        "stopping %d discovery nodes and a bootnode, %d runs, %d processors%n",
        size, runs, Runtime.getRuntime().availableProcessors());
    List<Long> parallel = new ArrayList<>();
    List<Long> oneByOne = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      // Not try-with-resources: closing is what is measured.
      DevnetDiscovery whole = network(size);
      long start = System.nanoTime();
      whole.close();
      parallel.add((System.nanoTime() - start) / 1_000_000);

      DevnetDiscovery byNode = network(size);
      start = System.nanoTime();
      for (String name : List.copyOf(byNode.nodes().keySet())) {
        byNode.stop(name);
      }
      byNode.close(); // the bootnode
      oneByOne.add((System.nanoTime() - start) / 1_000_000);
      System.out.printf(
          "  run %d: parallel %5d ms, one by one %6d ms%n",
          run + 1, parallel.getLast(), oneByOne.getLast());
    }
    System.out.printf(
        "MEDIAN parallel %d ms, one by one %d ms%n", median(parallel), median(oneByOne));
  }

  private static DevnetDiscovery network(int size) throws Exception {
    Path keys = Files.createTempDirectory("waypost-stop-bench");
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(new Member("node-" + i, keys.resolve(i + ".key"), List.of("mailserver")));
    }
    return DevnetDiscovery.startMembers(members, Clock.systemUTC());
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
