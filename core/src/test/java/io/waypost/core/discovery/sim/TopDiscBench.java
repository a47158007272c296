package io.waypost.core.discovery.sim;

import io.waypost.core.discovery.sim.TopDiscSimulation.Lookup;
import io.waypost.core.discovery.sim.TopDiscSimulation.Result;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The simulator's command line (bench/topdisc-sim.sh): one scenario per run, one Markdown table row
 * on stdout (docs/benchmarks.md, "TopDisc at network scale").
 *
 * <pre>
 *   cost    N advertiser-share seed            topic search vs ENR walk
 *   load    N popular-advertisers rare-advertisers seed
 *   eclipse N malicious-share per-ip lie|lie+advertise spoof|honest-ip new|old seed
 *   churn   N advertiser-share offline-share seed
 *   loopback N advertisers ad-lifetime-seconds searcher-knows seed   bench/discovery.sh's setting
 *   paper   N topics malicious-share per-ip wanted seed   DISC-NG's eclipse workload (Fig. 19, 20)
 * </pre>
 *
 * Options after the scenario's arguments: {@code topic-ip-cap=N} sets the registrars' cap on ads
 * per (topic, source IP) (the default is the product's; a large value shows the registrar without
 * it); {@code searcher-knows=N} gives each searcher only N random nodes of its table, as a node
 * that has just joined from bootnodes (0, the default, is a converged table); {@code wanted=N} sets
 * the advertisers each lookup asks for.
 */
public final class TopDiscBench {

  private TopDiscBench() {}

  public static void main(String[] arguments) {
    java.util.Map<String, String> options = new java.util.HashMap<>();
    List<String> positional = new java.util.ArrayList<>();
    for (String a : arguments) {
      int eq = a.indexOf('=');
      if (eq > 0) {
        options.put(a.substring(0, eq), a.substring(eq + 1));
      } else {
        positional.add(a);
      }
    }
    String[] args = positional.toArray(String[]::new);
    if (args.length < 4) {
      System.err.println(
          "usage: cost N share seed | load N popular rare seed |"
              + " eclipse N share per-ip lie|lie+advertise spoof|honest-ip new|old seed"
              + " | churn N share offline seed | loopback N advertisers E-seconds knows seed"
              + " | paper N topics share per-ip wanted seed  [topic-ip-cap=N] [searcher-knows=N] [wanted=N] [lookups=N] [min-registrars=N]");
      System.exit(2);
    }
    int n = Integer.parseInt(args[1]);
    Scenario scenario =
        switch (args[0]) {
          case "cost" -> Scenario.cost(n, Double.parseDouble(args[2]), Long.parseLong(args[3]));
          case "churn" ->
              Scenario.cost(n, Double.parseDouble(args[2]), Long.parseLong(args[4]))
                  .withChurn(Double.parseDouble(args[3]));
          case "load" ->
              Scenario.cost(n, 0, Long.parseLong(args[4]))
                  .withRareTopic(Integer.parseInt(args[2]), Integer.parseInt(args[3]))
                  .withLookups(0, false);
          case "eclipse" ->
              Scenario.cost(n, 0.05, Long.parseLong(args[7]))
                  .withLookups(100, false)
                  .withAttack(
                      Double.parseDouble(args[2]),
                      Integer.parseInt(args[3]),
                      args[4].equals("lie+advertise"),
                      args[5].equals("spoof"),
                      args[6].equals("old"));
          case "loopback" ->
              Scenario.loopbackBenchmark(
                  n,
                  Integer.parseInt(args[2]),
                  java.time.Duration.ofSeconds(Long.parseLong(args[3])),
                  Integer.parseInt(args[4]),
                  Long.parseLong(args[5]));
          case "paper" ->
              Scenario.paperEclipse(
                  n,
                  Integer.parseInt(args[2]),
                  Double.parseDouble(args[3]),
                  Integer.parseInt(args[4]),
                  Integer.parseInt(args[5]),
                  Long.parseLong(args[6]));
          default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        };
    if (options.containsKey("topic-ip-cap")) {
      scenario =
          scenario.withWarmup(
              scenario.warmup(),
              scenario
                  .parameters()
                  .withMaxAdsPerTopicIp(Integer.parseInt(options.get("topic-ip-cap"))));
    }
    if (options.containsKey("min-registrars")) {
      scenario =
          scenario.withWarmup(
              scenario.warmup(),
              scenario
                  .parameters()
                  .withMinRegistrars(Integer.parseInt(options.get("min-registrars"))));
    }
    if (options.containsKey("searcher-knows")) {
      scenario = scenario.withSearcherKnows(Integer.parseInt(options.get("searcher-knows")));
    }
    if (options.containsKey("lookups")) {
      scenario = scenario.withLookups(Integer.parseInt(options.get("lookups")), scenario.walk());
    }
    if (options.containsKey("wanted")) {
      scenario = scenario.withWanted(Integer.parseInt(options.get("wanted")));
    }
    Result r = TopDiscSimulation.run(scenario);
    System.out.println(describe(r));
  }

  static String describe(Result r) {
    StringBuilder out = new StringBuilder();
    Scenario s = r.scenario();
    out.append(
        String.format(
            Locale.ROOT,
            "N=%d seed=%d advertisers=%d attackers=%d searcher-knows=%d sybils=%.1f%% per-ip=%d sybils-advertise=%s"
                + " spoof=%s scores=%s zipf-topics=%d wanted=%d topic-ip-cap=%d min-registrars=%d loss=%.0f%%"
                + " offline=%.0f%% E=%s wall=%ds events=%d task-failures=%d%n",
            s.nodes(),
            s.seed(),
            r.measuredAdvertisers(),
            r.attackers(),
            s.searcherKnows(),
            100 * s.sybilShare(),
            s.sybilsPerIp(),
            s.sybilsAdvertise(),
            s.spoofClaimedIp(),
            s.registrarScoresClaimedIp() ? "claimed-ip" : "packet-source",
            s.zipfTopics(),
            s.wanted(),
            s.parameters().maxAdsPerTopicIp(),
            s.parameters().minRegistrars(),
            100 * s.loss(),
            100 * s.offlineShare(),
            s.parameters().adLifetime(),
            r.wallTime().toSeconds(),
            r.events(),
            r.failures()));
    out.append(
        String.format(
            Locale.ROOT,
            "ads: max at one registrar %d, max from one attacker IP at one registrar %d,"
                + " registrars holding the measured topic %d,"
                + " honest advertisers' active placements %.1f%n",
            r.maxAdsAtRegistrar(),
            r.maxAdsFromOneAttackerIp(),
            r.registrarsHoldingMeasured(),
            r.meanActivePlacements()));
    out.append("| method | lookups | found (median) | all wanted found | messages (median) |")
        .append(
            " requests (median) | hops (median) | time (median) | eclipsed | attackers in results |\n");
    row(out, "topic search", r.topic(), s.wanted());
    row(out, "ENR walk", r.walk(), s.wanted());
    for (TopDiscSimulation.Load load : r.load()) {
      out.append(
          String.format(
              Locale.ROOT,
              "load %s: %d advertisers, REGTOPIC at nearest registrar %d, max %d, mean %.1f;"
                  + " nearest registrar holds %d ads, %d of this topic; the registrar holding most"
                  + " of this topic holds %d ads, %d of this topic%n",
              load.topic(),
              load.advertisers(),
              load.atNearest(),
              load.max(),
              load.mean(),
              load.heldAtNearest(),
              load.topicHeldAtNearest(),
              load.heldAtFullest(),
              load.topicHeldAtFullest()));
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String name, List<Lookup> lookups, int wanted) {
    if (lookups.isEmpty()) {
      return;
    }
    long all = lookups.stream().filter(l -> l.found() >= wanted).count();
    long eclipsed = lookups.stream().filter(Lookup::eclipsed).count();
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %d | %.1f %% | %d | %d | %d | %d ms | %.1f %% | %.1f %% |%n",
            name,
            lookups.size(),
            median(lookups, Lookup::found),
            100.0 * all / lookups.size(),
            median(lookups, Lookup::messages),
            median(lookups, Lookup::requests),
            median(lookups, Lookup::hops),
            median(lookups, Lookup::millis),
            100.0 * eclipsed / lookups.size(),
            100.0
                * lookups.stream().mapToLong(Lookup::malicious).sum()
                / Math.max(1, lookups.stream().mapToLong(Lookup::found).sum())));
  }

  static long median(List<Lookup> lookups, ToLongFunction<Lookup> f) {
    long[] v = lookups.stream().mapToLong(f).sorted().toArray();
    return v.length == 0 ? 0 : v[v.length / 2];
  }
}
