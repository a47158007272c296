package io.waypost.app.agent;

import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.model.ServiceId;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an operator watches on a running agent: its metrics and its health, served on one port.
 * Ready means joined (the node knows at least one other node) and advertising (every service has at
 * least one ad placed at a registrar).
 */
public final class AgentOperations implements AutoCloseable {

  private final DiscoveryNode node;
  private final List<String> services;
  private final int requestPort;
  private final OperationsServer server;

  private AgentOperations(
      DiscoveryNode node,
      List<String> services,
      int requestPort,
      AgentMetrics metrics,
      String host,
      int port)
      throws IOException {
    this.node = node;
    this.services = List.copyOf(services);
    this.requestPort = requestPort;
    metrics.watch(node, services, this::ready);
    this.server = OperationsServer.start(host, port, metrics.registry(), this::health);
  }

  /**
   * Serves {@code /metrics} and {@code /health} for a started node on {@code host:port}.
   *
   * @throws IOException when the port cannot be bound
   */
  public static AgentOperations start(
      DiscoveryNode node,
      List<String> services,
      int requestPort,
      AgentMetrics metrics,
      String host,
      int port)
      throws IOException {
    return new AgentOperations(node, services, requestPort, metrics, host, port);
  }

  public int port() {
    return server.port();
  }

  boolean ready() {
    return node.knownNodes().findAny().isPresent()
        && services.stream().allMatch(s -> node.activeAdPlacements(ServiceId.of(s)) > 0);
  }

  OperationsServer.Health health() {
    Map<String, Integer> ads = new LinkedHashMap<>();
    services.forEach(s -> ads.put(s, node.activeAdPlacements(ServiceId.of(s))));
    long known = node.knownNodes().count();
    boolean ready = known > 0 && ads.values().stream().allMatch(n -> n > 0);
    String adsJson =
        ads.entrySet().stream()
            .map(e -> "\"" + e.getKey().replace("\"", "\\\"") + "\":" + e.getValue())
            .collect(Collectors.joining(",", "{", "}"));
    String json =
        "{\"status\":\""
            + (ready ? "ready" : "starting")
            + "\",\"nodeId\":\""
            + node.nodeId()
            + "\",\"knownNodes\":"
            + known
            + ",\"adsPlaced\":"
            + adsJson
            + ",\"requestPort\":"
            + requestPort
            + "}";
    return new OperationsServer.Health(ready, json);
  }

  @Override
  public void close() {
    server.close();
  }
}
