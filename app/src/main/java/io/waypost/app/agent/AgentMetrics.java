package io.waypost.app.agent;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.model.ServiceId;
import io.waypost.core.request.RequestEndpoint;
import io.waypost.core.request.RequestRefusedException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The agent's Prometheus metrics, in a registry of its own (no global one): requests answered and
 * refused by reason (each by the way it came: request stream or TALKREQ), answer bytes and time,
 * and the discovery node's state read at each scrape — peers per service, ads placed and failed per
 * service, ads held by its registrar, known nodes, handshake sessions held and refused. Names
 * follow Prometheus conventions ({@code _total}, {@code _bytes}, {@code _seconds}).
 */
public final class AgentMetrics implements RequestEndpoint.Observer {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter answered;
  private final Counter refused;
  private final Counter answerBytes;
  private final Histogram answerSeconds;

  public AgentMetrics() {
    answered =
        Counter.builder()
            .name("waypost_requests_answered_total")
            .help("Encrypted requests answered in full, by the way they came (stream, talkreq)")
            .labelNames("via")
            .register(registry);
    refused =
        Counter.builder()
            .name("waypost_requests_refused_total")
            .help("Encrypted requests refused, by the way they came and reason")
            .labelNames("via", "reason")
            .register(registry);
    answerBytes =
        Counter.builder()
            .name("waypost_answer_bytes_total")
            .help("Bytes of answers sent (plaintext), by the way they went")
            .labelNames("via")
            .register(registry);
    answerSeconds =
        Histogram.builder()
            .name("waypost_answer_seconds")
            .help(
                "Time to answer: on the stream from the service's first byte to the signed end,"
                    + " on TALKREQ from opening the request to sealing the answer")
            .labelNames("via")
            .unit(Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30)
            .register(registry);
    // Every series shows, at 0, before it first happens.
    for (RequestEndpoint.Via via : RequestEndpoint.Via.values()) {
      answered.labelValues(label(via));
      answerBytes.labelValues(label(via));
      answerSeconds.labelValues(label(via));
      for (RequestRefusedException.Reason reason : RequestRefusedException.Reason.values()) {
        refused.labelValues(label(via), label(reason));
      }
    }
  }

  /** Adds the discovery node's state, read at each scrape. */
  public void watch(DiscoveryNode node, List<String> serviceNames, BooleanSupplier ready) {
    Map<String, ServiceId> services = new LinkedHashMap<>();
    serviceNames.forEach(name -> services.put(name, ServiceId.of(name)));
    GaugeWithCallback.builder()
        .name("waypost_ads_placed")
        .help("Topic ads this node holds placed at registrars, per service")
        .labelNames("service")
        .callback(cb -> services.forEach((name, s) -> cb.call(node.activeAdPlacements(s), name)))
        .register(registry);
    CounterWithCallback.builder()
        .name("waypost_ad_placements_failed_total")
        .help("Ad placements that registrars refused or did not answer, per service")
        .labelNames("service")
        .callback(cb -> services.forEach((name, s) -> cb.call(node.failedAdPlacements(s), name)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("waypost_registrar_ads")
        .help("Ads of other nodes this node's registrar holds (its load)")
        .callback(cb -> cb.call(node.registrar().adCount()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("waypost_registrar_service_ads")
        .help("Ads this node's registrar holds for the services it advertises itself (peers)")
        .labelNames("service")
        .callback(cb -> services.forEach((name, s) -> cb.call(node.registrar().adCount(s), name)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("waypost_service_peers")
        .help(
            "Live nodes in the discovery table whose record advertises the service (its peers as"
                + " this node knows them)")
        .labelNames("service")
        .callback(cb -> services.forEach((name, s) -> cb.call(peers(node, s), name)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("waypost_handshake_sessions")
        .help("Sessions that incoming packets made the discovery library hold (bounded)")
        .callback(cb -> cb.call(node.heldSessions()))
        .register(registry);
    CounterWithCallback.builder()
        .name("waypost_handshake_packets_refused_total")
        .help("Packets dropped because a new session would have passed the session limits")
        .callback(cb -> cb.call(node.refusedSessionPackets()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("waypost_discovery_nodes")
        .help("Nodes in the discovery node's table")
        .callback(cb -> cb.call(node.knownNodes().count()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("waypost_agent_ready")
        .help("1 when the agent has joined the network and its ads are placed, else 0")
        .callback(cb -> cb.call(ready.getAsBoolean() ? 1 : 0))
        .register(registry);
  }

  private static long peers(DiscoveryNode node, ServiceId service) {
    return node.knownNodes().filter(r -> node.capabilities().advertises(r, service)).count();
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  @Override
  public void answered(RequestEndpoint.Via via, long bytes, Duration took) {
    answered.labelValues(label(via)).inc();
    answerBytes.labelValues(label(via)).inc(bytes);
    answerSeconds.labelValues(label(via)).observe(took.toNanos() / 1e9);
  }

  @Override
  public void refused(
      RequestEndpoint.Via via, RequestRefusedException.Reason reason, String message) {
    refused.labelValues(label(via), label(reason)).inc();
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(java.util.Locale.ROOT);
  }
}
