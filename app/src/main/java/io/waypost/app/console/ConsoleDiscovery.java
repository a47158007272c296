package io.waypost.app.console;

import io.waypost.core.client.ServiceClient;
import io.waypost.core.devnet.DevnetDiscovery;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.trust.TrustPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the screens read of the current session's discovery: its node and its clients by service
 * name. A view over one {@link NetworkSession}; it owns nothing (the session's lifetime is {@link
 * ConsoleContext}'s, and a switch of network gives the screens a new view).
 */
public final class ConsoleDiscovery {

  /** The devnet's services: a picker's items before a session lists its registry's own. */
  public static final List<String> SERVICES = List.of("mailserver", "push-notification");

  private final NetworkSession session;
  private final TrustPolicy policy;
  private final Optional<DevnetDiscovery> network;

  ConsoleDiscovery(NetworkSession session, TrustPolicy policy, Optional<DevnetDiscovery> network) {
    this.session = session;
    this.policy = policy;
    this.network = network;
  }

  /** The client for a service, or null when the registry does not list it. */
  public ServiceClient client(String service) {
    return session.client(ServiceId.of(service)).orElse(null);
  }

  public Map<String, ServiceClient> clients() {
    return session.clientsByName();
  }

  public DiscoveryNode node() {
    return session.discovery().orElseThrow();
  }

  public TrustPolicy policy() {
    return policy;
  }

  /** The devnet's discovery network, when the session is the devnet's. */
  public Optional<DevnetDiscovery> network() {
    return network;
  }

  public NetworkSession session() {
    return session;
  }
}
