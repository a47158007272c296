package io.waypost.app.console.discovery;

import io.waypost.app.console.common.Subscriptions;
import io.waypost.core.client.ServiceClient.KnownNode;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.network.VerdictSnapshot;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** The Discovery screen's feed from the session in use. */
final class SessionPeerFeed implements PeerFeed {

  private final NetworkSession session;

  SessionPeerFeed(NetworkSession session) {
    this.session = session;
  }

  @Override
  public AutoCloseable onVerdicts(Consumer<VerdictSnapshot> subscriber) {
    return session.onVerdicts(subscriber);
  }

  @Override
  public Optional<KnownNode> known(ServiceId service, NodeId node) {
    return session.client(service).flatMap(client -> client.known(node));
  }

  /**
   * Each service client pushes when a peer or a probe changed; its verdicts in that push are not
   * used (the session's ordered snapshots are), only the signal. The clients are those of the
   * services the snapshots list, learnt from them (no index read).
   */
  @Override
  public AutoCloseable onNodesChanged(Runnable listener) {
    Set<ServiceId> watched = ConcurrentHashMap.newKeySet();
    Subscriptions subscriptions = new Subscriptions();
    AtomicBoolean closed = new AtomicBoolean();
    subscriptions.add(
        session.onVerdicts(
            snapshot -> {
              for (ServiceId service : snapshot.byService().keySet()) {
                if (!closed.get() && watched.add(service)) {
                  session
                      .client(service)
                      .ifPresent(
                          client -> subscriptions.add(client.onVerdicts(v -> listener.run())));
                }
              }
            }));
    return () -> {
      closed.set(true);
      subscriptions.closeAll();
    };
  }
}
