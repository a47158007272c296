package io.waypost.core.discovery.sim;

import io.waypost.core.discovery.topic.TopicParameters;
import java.time.Duration;

/**
 * One simulated network and its workload.
 *
 * @param nodes network size N
 * @param seed everything random (keys, addresses, latencies, losses, choices) follows from it
 * @param advertisers honest advertisers of the measured topic
 * @param rareAdvertisers honest advertisers of a second topic (registrar-load runs; 0 for none)
 * @param backgroundTopics further topics with Zipf(1) popularity, advertised by {@code
 *     backgroundAdvertisers} honest nodes in all, so registrars hold a realistic mix
 * @param wanted advertisers each lookup asks for
 * @param lookups topic searches (and, if {@code walk}, ENR walks) after the warm-up
 * @param walk also run the ENR-entry walk, from other fresh searchers, for comparison
 * @param sybilShare share of all nodes that are attackers: their registrars lie (SybilRegistrar)
 * @param sybilsPerIp attackers sharing one real IP address
 * @param sybilsAdvertise attackers also place their own (colluding) ads at honest registrars
 * @param spoofClaimedIp attackers' records each claim a different IP from the one they send from
 * @param registrarScoresClaimedIp the behaviour before the fix: registrars score the record's IP
 * @param loss probability that a datagram is lost
 * @param offlineShare churn: share of honest nodes offline at any time (sessions of ~1 h)
 * @param warmup virtual time before the first lookup
 * @param searcherKnows nodes a searcher's routing table holds when it searches; 0 for a converged
 *     table (a node that has run a while), a few dozen for one that just joined
 * @param zipfTopics 0 for the workload above; otherwise DISC-NG's (its CustomDistribution and
 *     ZipfReader): every honest node advertises one of this many topics drawn by Zipf(1), the
 *     measured topic being the most popular, and the attackers are added to the N honest nodes,
 *     {@code sybilShare} being their share among the measured topic's advertisers
 * @param loopbackAddresses addresses as the real-UDP harness gives them (127.0.x.y, one after
 *     another, as LocalNetwork does) instead of random public ones: the registrar's IP score sees
 *     them as one neighbourhood and makes every advertiser wait longer, so the validation against
 *     bench/discovery.sh must use them
 */
public record Scenario(
    int nodes,
    long seed,
    int advertisers,
    int rareAdvertisers,
    int backgroundTopics,
    int backgroundAdvertisers,
    int wanted,
    int lookups,
    boolean walk,
    double sybilShare,
    int sybilsPerIp,
    boolean sybilsAdvertise,
    boolean spoofClaimedIp,
    boolean registrarScoresClaimedIp,
    double loss,
    double offlineShare,
    Duration warmup,
    TopicParameters parameters,
    int searcherKnows,
    int zipfTopics,
    boolean loopbackAddresses) {

  /** N nodes, {@code share} of them advertising, spec parameters, WAN loss 1 %, no attackers. */
  public static Scenario cost(int nodes, double share, long seed) {
    return new Scenario(
        nodes,
        seed,
        (int) Math.round(nodes * share),
        0,
        20,
        nodes / 20,
        10,
        50,
        true,
        0,
        1,
        false,
        false,
        false,
        0.01,
        0.0,
        Duration.ofMinutes(45),
        TopicParameters.defaults(),
        0,
        0,
        false);
  }

  public Scenario withLookups(int lookups, boolean walk) {
    return new Scenario(
        nodes,
        seed,
        advertisers,
        rareAdvertisers,
        backgroundTopics,
        backgroundAdvertisers,
        wanted,
        lookups,
        walk,
        sybilShare,
        sybilsPerIp,
        sybilsAdvertise,
        spoofClaimedIp,
        registrarScoresClaimedIp,
        loss,
        offlineShare,
        warmup,
        parameters,
        searcherKnows,
        zipfTopics,
        loopbackAddresses);
  }

  public Scenario withAttack(
      double share, int perIp, boolean advertise, boolean spoof, boolean scoresClaimedIp) {
    return new Scenario(
        nodes,
        seed,
        advertisers,
        rareAdvertisers,
        backgroundTopics,
        backgroundAdvertisers,
        wanted,
        lookups,
        walk,
        share,
        perIp,
        advertise,
        spoof,
        scoresClaimedIp,
        loss,
        offlineShare,
        warmup,
        parameters,
        searcherKnows,
        zipfTopics,
        loopbackAddresses);
  }

  public Scenario withRareTopic(int popular, int rare) {
    return new Scenario(
        nodes,
        seed,
        popular,
        rare,
        backgroundTopics,
        backgroundAdvertisers,
        wanted,
        lookups,
        walk,
        sybilShare,
        sybilsPerIp,
        sybilsAdvertise,
        spoofClaimedIp,
        registrarScoresClaimedIp,
        loss,
        offlineShare,
        warmup,
        parameters,
        searcherKnows,
        zipfTopics,
        loopbackAddresses);
  }

  public Scenario withChurn(double offline) {
    return new Scenario(
        nodes,
        seed,
        advertisers,
        rareAdvertisers,
        backgroundTopics,
        backgroundAdvertisers,
        wanted,
        lookups,
        walk,
        sybilShare,
        sybilsPerIp,
        sybilsAdvertise,
        spoofClaimedIp,
        registrarScoresClaimedIp,
        loss,
        offline,
        warmup,
        parameters,
        searcherKnows,
        zipfTopics,
        loopbackAddresses);
  }

  public Scenario withWarmup(Duration warmup, TopicParameters parameters) {
    return new Scenario(
        nodes,
        seed,
        advertisers,
        rareAdvertisers,
        backgroundTopics,
        backgroundAdvertisers,
        wanted,
        lookups,
        walk,
        sybilShare,
        sybilsPerIp,
        sybilsAdvertise,
        spoofClaimedIp,
        registrarScoresClaimedIp,
        loss,
        offlineShare,
        warmup,
        parameters,
        searcherKnows,
        zipfTopics,
        loopbackAddresses);
  }

  /**
   * The real-UDP benchmark's setting (bench/discovery.sh): N nodes, {@code advertisers} of them, no
   * background topics, E shortened, fresh searchers knowing {@code searcherKnows} nodes, and
   * loopback (no loss).
   */
  public static Scenario loopbackBenchmark(
      int nodes, int advertisers, Duration adLifetime, int searcherKnows, long seed) {
    return new Scenario(
        nodes,
        seed,
        advertisers,
        0,
        0,
        0,
        10,
        9,
        true,
        0,
        1,
        false,
        false,
        false,
        0,
        0,
        adLifetime.multipliedBy(3).plusSeconds(30),
        TopicParameters.defaults().withAdLifetime(adLifetime),
        searcherKnows,
        0,
        true);
  }

  /**
   * DISC-NG's eclipse workload (Fig. 19 and 20; datahop/p2p-service-discovery, CustomDistribution
   * with percentEvilTopic p, attackTopic 0, iPSize): N honest nodes each advertising one of {@code
   * topics} topics by Zipf(1); attackers added as {@code share} of the most popular topic's
   * advertisers (p = share / (1 - share) of its honest ones), {@code perIp} of them on one IP, each
   * registering that topic and lying as a registrar; lookups for it ask for {@code wanted}.
   */
  public static Scenario paperEclipse(
      int nodes, int topics, double share, int perIp, int wanted, long seed) {
    return new Scenario(
        nodes,
        seed,
        0,
        0,
        0,
        0,
        wanted,
        100,
        false,
        share,
        perIp,
        true,
        false,
        false,
        0.01,
        0.0,
        Duration.ofMinutes(45),
        TopicParameters.defaults(),
        0,
        topics,
        false);
  }

  public Scenario withWanted(int wanted) {
    return new Scenario(
        nodes,
        seed,
        advertisers,
        rareAdvertisers,
        backgroundTopics,
        backgroundAdvertisers,
        wanted,
        lookups,
        walk,
        sybilShare,
        sybilsPerIp,
        sybilsAdvertise,
        spoofClaimedIp,
        registrarScoresClaimedIp,
        loss,
        offlineShare,
        warmup,
        parameters,
        searcherKnows,
        zipfTopics,
        loopbackAddresses);
  }

  public Scenario withSearcherKnows(int searcherKnows) {
    return new Scenario(
        nodes,
        seed,
        advertisers,
        rareAdvertisers,
        backgroundTopics,
        backgroundAdvertisers,
        wanted,
        lookups,
        walk,
        sybilShare,
        sybilsPerIp,
        sybilsAdvertise,
        spoofClaimedIp,
        registrarScoresClaimedIp,
        loss,
        offlineShare,
        warmup,
        parameters,
        searcherKnows,
        zipfTopics,
        loopbackAddresses);
  }
}
