package io.waypost.app.console.discovery;

import io.waypost.core.client.ServiceClient.KnownNode;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.network.VerdictSnapshot;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the Discovery screen reads of one session: its pushed verdict snapshots, and what discovery
 * knows of the node behind each verdict (its record, liveness and source). A session is the one
 * feed the console has; the table benchmark feeds the same screen through the same kind of stream.
 */
interface PeerFeed {

  /**
   * Tells {@code subscriber} the latest snapshot now (if any) and each changed one after, in order;
   * close the handle to stop.
   */
  AutoCloseable onVerdicts(Consumer<VerdictSnapshot> subscriber);

  /** What discovery knows of a node it found for a service. */
  Optional<KnownNode> known(ServiceId service, NodeId node);

  /**
   * Tells {@code listener} when what discovery knows of the nodes changed (a record, a probe's
   * answer, a round trip) though no verdict did: the rows then show it with the newest snapshot's
   * verdicts. Close the handle to stop.
   */
  AutoCloseable onNodesChanged(Runnable listener);

  /** Hands the screen the current feed now (if there is one) and after every switch of network. */
  @FunctionalInterface
  interface Source {
    AutoCloseable onFeed(Consumer<PeerFeed> listener);
  }

  static PeerFeed of(NetworkSession session) {
    return new SessionPeerFeed(session);
  }
}
