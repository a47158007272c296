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
 * refused by reason, answer bytes and time, and the discovery node's state read at each scrape —
 * ads placed and failed per service, ads held by its registrar, known nodes. Names follow
 * Prometheus conventions ({@code _total}, {@code _bytes}, {@code _seconds}).
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
            .help("Encrypted requests answered in full")
            .register(registry);
    refused =
        Counter.builder()
            .name("waypost_requests_refused_total")
            .help("Encrypted requests refused, by reason")
            .labelNames("reason")
            .register(registry);
    for (RequestRefusedException.Reason reason : RequestRefusedException.Reason.values()) {
      refused.labelValues(label(reason)); // every reason shows, at 0, before it first happens
    }
    answerBytes =
        Counter.builder()
            .name("waypost_answer_bytes_total")
            .help("Bytes of answers sent (plaintext)")
            .register(registry);
    answerSeconds =
        Histogram.builder()
            .name("waypost_answer_seconds")
            .help("Time from the service's first byte to the signed end of an answer")
            .unit(Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30)
            .register(registry);
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

  public PrometheusRegistry registry() {
    return registry;
  }

  @Override
  public void answered(long bytes, Duration took) {
    answered.inc();
    answerBytes.inc(bytes);
    answerSeconds.observe(took.toNanos() / 1e9);
  }

  @Override
  public void refused(RequestRefusedException.Reason reason, String message) {
    refused.labelValues(label(reason)).inc();
  }

  private static String label(RequestRefusedException.Reason reason) {
    return reason.name().toLowerCase(java.util.Locale.ROOT);
  }
}
