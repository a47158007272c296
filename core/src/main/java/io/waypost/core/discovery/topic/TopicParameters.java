package io.waypost.core.discovery.topic;

import java.time.Duration;

/**
 * TopDisc parameters (discv5-theory.md, "Parameters"). Defaults are the spec's; tests and the
 * benchmark shorten {@code adLifetime} to compress time, which scales every waiting time with it.
 *
 * @param registrationWindow the spec's δ (left "TBD" there): how late after its waiting time a
 *     ticket may still be presented. 10 s covers a retry timer firing late on a loaded machine plus
 *     one retransmission, while keeping a hoarded ticket useless.
 * @param maxAdsPerIp a hard cap per advertiser IP on top of the IP score: the score only delays a
 *     flooding address, the cap bounds what it can ever hold.
 * @param maxAdsPerTopicIp a hard cap per (service, advertiser IP): many nodes behind one IP all
 *     advertising one service are admitted only this many times at one registrar, so that one host
 *     cannot fill a registrar's answers for that service. The IP score alone let 50 attackers on
 *     one IP hold 29 ads of one service at one registrar within 45 minutes (simulator).
 * @param minRegistrars the results of one search come from at least this many registrars: each
 *     contributes at most {@code wanted / minRegistrars} new advertisers, at least 1. A registrar
 *     that lies (answers only with its colluders' ads, DISC-NG's eclipse attack) then fills at most
 *     that share of the result. Measured in the simulator (N = 1,000, half the nodes lying, wanted
 *     = 10): taking every ad offered, the lying registrars among the first bucket's five filled all
 *     10 places in 42 % of lookups; with 10, none. Fewer registrars cost fewer requests and bound
 *     the attack less (docs/benchmarks.md, "Cost against eclipse").
 */
public record TopicParameters(
    int kRegister,
    int kLookup,
    int fReturn,
    int fLookup,
    Duration adLifetime,
    int capacity,
    Duration registrationWindow,
    double pOcc,
    double g,
    int maxAdsPerIp,
    int maxAdsPerTopicIp,
    int minRegistrars) {

  public static TopicParameters defaults() {
    return new TopicParameters(
        5, 5, 10, 30, Duration.ofMinutes(15), 1000, Duration.ofSeconds(10), 10, 1e-7, 100, 3, 10);
  }

  public TopicParameters withAdLifetime(Duration lifetime) {
    return new TopicParameters(
        kRegister,
        kLookup,
        fReturn,
        fLookup,
        lifetime,
        capacity,
        registrationWindow,
        pOcc,
        g,
        maxAdsPerIp,
        maxAdsPerTopicIp,
        minRegistrars);
  }

  public TopicParameters withCapacity(int capacity, int maxAdsPerIp) {
    return new TopicParameters(
        kRegister,
        kLookup,
        fReturn,
        fLookup,
        adLifetime,
        capacity,
        registrationWindow,
        pOcc,
        g,
        maxAdsPerIp,
        maxAdsPerTopicIp,
        minRegistrars);
  }

  public TopicParameters withMaxAdsPerTopicIp(int maxAdsPerTopicIp) {
    return new TopicParameters(
        kRegister,
        kLookup,
        fReturn,
        fLookup,
        adLifetime,
        capacity,
        registrationWindow,
        pOcc,
        g,
        maxAdsPerIp,
        maxAdsPerTopicIp,
        minRegistrars);
  }

  public TopicParameters withMinRegistrars(int minRegistrars) {
    return new TopicParameters(
        kRegister,
        kLookup,
        fReturn,
        fLookup,
        adLifetime,
        capacity,
        registrationWindow,
        pOcc,
        g,
        maxAdsPerIp,
        maxAdsPerTopicIp,
        minRegistrars);
  }
}
