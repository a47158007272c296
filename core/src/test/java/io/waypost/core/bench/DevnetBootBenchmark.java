package io.waypost.core.bench;

import io.waypost.core.devnet.AnvilNode;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Devnet cold boot: anvil start, registry deploy, full seed. Run with bench/core.sh. */
public final class DevnetBootBenchmark {

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path anvilBinary = FoundryToolchain.locate().anvil();
    List<Long> anvilOnly = new ArrayList<>();
    List<Long> full = new ArrayList<>();
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    for (int i = 0; i < runs + 1; i++) { // the first run warms the JVM and is not counted
      long start = System.nanoTime();
      try (AnvilNode anvil = AnvilNode.start(AnvilNode.Options.defaults(anvilBinary))) {
        long took = (System.nanoTime() - start) / 1_000_000;
        if (i > 0 && anvil.isAlive()) {
          anvilOnly.add(took);
        }
      }
      Path dir = Files.createTempDirectory("waypost-boot-bench");
      try (Database db = Database.open(dir.resolve("waypost.db"))) {
        start = System.nanoTime();
        try (Devnet devnet =
            Devnet.start(
                new Devnet.Options(dir, false, anvilBinary), db, executor, Clock.systemUTC())) {
          long took = (System.nanoTime() - start) / 1_000_000;
          if (i == 0 && devnet.nodes().size() == 10) {
            System.out.println("first boot in a fresh JVM (class loading, JIT), ms: " + took);
          } else {
            full.add(took);
          }
        }
      }
    }
    executor.shutdownNow();
    System.out.println(
        "anvil start to listening, ms: " + anvilOnly + " median " + median(anvilOnly));
    System.out.println(
        "devnet cold boot (start, deploy, seed), ms: " + full + " median " + median(full));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
