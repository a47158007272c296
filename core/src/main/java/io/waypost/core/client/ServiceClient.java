package io.waypost.core.client;

import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.discovery.enr.ServiceEntry;
import io.waypost.core.discovery.peers.PeerEvent;
import io.waypost.core.discovery.peers.PeerPolicy;
import io.waypost.core.discovery.peers.PeerSource;
import io.waypost.core.discovery.peers.ServicePeer;
import io.waypost.core.discovery.peers.ServicePeers;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.request.AnswerStream;
import io.waypost.core.request.EncryptedRequests;
import io.waypost.core.request.RequestChannel;
import io.waypost.core.request.RequestRefusedException;
import io.waypost.core.selection.Candidate;
import io.waypost.core.selection.ServerSelector;
import io.waypost.core.trust.Observation;
import io.waypost.core.trust.Observation.Advertisement;
import io.waypost.core.trust.RegistrySnapshot;
import io.waypost.core.trust.TrustPolicy;
import io.waypost.core.trust.TrustVerdict;
import io.waypost.core.trust.TrustVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * What a client does for one service: watches the service's live peers (plus the user's custom
 * servers), probes each with a signed challenge, verifies every one against the registry and the
 * user's trust policy, picks a server, and sends it encrypted requests. Support staff read the same
 * verdicts, with every check's outcome.
 */
public final class ServiceClient implements AutoCloseable {

  /** A node as this client knows it: how it was found, its record, what probing showed. */
  public record KnownNode(
      NodeId nodeId,
      NodeRecord record,
      Bytes publicKey,
      Set<Advertisement> advertisedBy,
      Optional<PeerSource> source,
      Observation.Liveness liveness,
      Instant lastSeen,
      long seq,
      boolean custom) {}

  /** Where the registry state and the trust policy come from, read fresh at each verification. */
  public record Inputs(
      Supplier<RegistrySnapshot> registry,
      Supplier<Set<Address>> trustedProviders,
      TrustPolicy policy) {}

  private final DiscoveryNode discovery;
  private final ServiceId service;
  private final Inputs inputs;
  private final TrustVerifier verifier;
  private final ServerSelector selector;
  private final RequestChannel channel;
  private final Clock clock;
  private final Map<NodeId, KnownNode> nodes = new ConcurrentHashMap<>();
  private final List<Consumer<List<TrustVerdict>>> listeners = new CopyOnWriteArrayList<>();
  private final ServicePeers peers;
  private final AutoCloseable subscription;

  public ServiceClient(
      DiscoveryNode discovery,
      ServiceId service,
      PeerPolicy policy,
      Inputs inputs,
      ServerSelector selector,
      EncryptedRequests requests,
      Clock clock) {
    this.discovery = discovery;
    this.service = service;
    this.inputs = inputs;
    this.verifier = new TrustVerifier(clock);
    this.selector = selector;
    this.channel = RequestChannel.withDefaults(requests);
    this.clock = clock;
    inputs.policy().pinned(service).ifPresent(selector::pin);
    for (TrustPolicy.CustomServer custom : inputs.policy().customServers(service)) {
      try {
        addKnown(NodeRecords.parse(custom.record()), Optional.of(PeerSource.CUSTOM), true);
      } catch (InvalidRecordException e) {
        // A custom server whose record no longer parses stays in the policy for the user to fix.
      }
    }
    this.peers = discovery.watch(service, policy);
    this.subscription = peers.subscribe(this::onPeer);
  }

  public ServiceId service() {
    return service;
  }

  public ServerSelector selector() {
    return selector;
  }

  /**
   * Tells {@code listener} the verdicts whenever a peer, a probe or {@link #reverify()} changes
   * them.
   */
  public AutoCloseable onVerdicts(Consumer<List<TrustVerdict>> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public List<KnownNode> known() {
    return List.copyOf(nodes.values());
  }

  public Optional<KnownNode> known(NodeId node) {
    return Optional.ofNullable(nodes.get(node));
  }

  /** Every known node's verdict now, from the local index (no RPC call). */
  public List<TrustVerdict> verdicts() {
    List<Observation> observations = new ArrayList<>();
    Set<NodeId> custom = new HashSet<>();
    for (KnownNode node : nodes.values()) {
      observations.add(
          new Observation(
              node.nodeId(), service, Optional.empty(), node.advertisedBy(), node.liveness()));
      if (node.custom()) {
        custom.add(node.nodeId());
      }
    }
    return verifier.verify(
        observations, inputs.registry().get(), inputs.trustedProviders().get(), custom, Map.of());
  }

  /**
   * The verdicts with the registration and approval checks confirmed by the contract itself: one
   * {@code verifyBatch} call per 1,000 nodes, for when the local index may lag or is distrusted.
   */
  public CompletableFuture<List<TrustVerdict>> verdictsConfirmedBy(
      io.waypost.core.registry.RegistryClient registry) {
    List<NodeId> ids = nodes.keySet().stream().toList();
    return registry
        .verifyBatch(ids, service)
        .thenApply(
            onChain -> {
              Map<NodeId, io.waypost.core.registry.Verification> byNode = new java.util.HashMap<>();
              onChain.forEach(v -> byNode.put(v.nodeId(), v));
              List<Observation> observations = new ArrayList<>();
              Set<NodeId> custom = new HashSet<>();
              for (KnownNode node : nodes.values()) {
                observations.add(
                    new Observation(
                        node.nodeId(),
                        service,
                        Optional.empty(),
                        node.advertisedBy(),
                        node.liveness()));
                if (node.custom()) {
                  custom.add(node.nodeId());
                }
              }
              return verifier.verify(
                  observations,
                  inputs.registry().get(),
                  inputs.trustedProviders().get(),
                  custom,
                  byNode);
            });
  }

  /** Verifies again (the registry or the policy changed) and tells the listeners. */
  public List<TrustVerdict> reverify() {
    List<TrustVerdict> verdicts = verdicts();
    listeners.forEach(l -> l.accept(verdicts));
    return verdicts;
  }

  /** The server a client would use now, among the usable (trusted or custom) ones. */
  public Optional<Candidate> select() {
    List<Candidate> candidates = new ArrayList<>();
    for (TrustVerdict verdict : verdicts()) {
      if (verdict.usable()) {
        KnownNode node = nodes.get(verdict.nodeId());
        candidates.add(
            new Candidate(
                verdict.nodeId(),
                node == null ? Optional.empty() : node.liveness().rtt(),
                verdict.kind() == TrustVerdict.Kind.CUSTOM));
      }
    }
    return selector.select(candidates);
  }

  /**
   * Takes a node another source found (e.g. an EIP-1459 DNS tree) as a candidate: it is watched,
   * probed and verified against the registry like any node discovery found.
   */
  public void offer(NodeAddress address, PeerSource source) {
    address.record().ifPresent(record -> peers.offer(record, source));
  }

  /** Adds a server by hand (ENR or enode text): usable without registry approval. */
  public KnownNode addCustom(String recordText, String label) throws InvalidRecordException {
    NodeAddress address = NodeRecords.parse(recordText);
    inputs
        .policy()
        .addCustomServer(
            new TrustPolicy.CustomServer(
                service, address.nodeId(), recordText.strip(), label, clock.instant()));
    KnownNode node = addKnown(address, Optional.of(PeerSource.CUSTOM), true);
    probe(node.nodeId());
    return node;
  }

  /**
   * Removes a server the user added by hand: it leaves the policy and stops being custom. A node
   * discovery found as well stays, verified like any discovered node; otherwise it is forgotten.
   * Tells the listeners; returns whether the policy held it.
   */
  public boolean removeCustom(NodeId node) {
    boolean removed = inputs.policy().removeCustomServer(service, node);
    nodes.computeIfPresent(
        node,
        (id, k) ->
            !k.custom()
                ? k
                : k.source().filter(s -> s != PeerSource.CUSTOM).isEmpty()
                    ? null
                    : new KnownNode(
                        k.nodeId(),
                        k.record(),
                        k.publicKey(),
                        k.advertisedBy(),
                        k.source(),
                        k.liveness(),
                        k.lastSeen(),
                        k.seq(),
                        false));
    reverify();
    return removed;
  }

  /**
   * Checks one node given by its record (ENR or enode text), as support staff would: probes it and
   * completes with its verdict. A malformed or badly signed record is refused with its reason.
   */
  public CompletableFuture<TrustVerdict> check(String recordText) throws InvalidRecordException {
    NodeAddress address = NodeRecords.parse(recordText);
    KnownNode node = addKnown(address, Optional.empty(), false);
    return probeUntilProven(node.nodeId(), CHECK_ATTEMPTS)
        .thenApply(
            liveness ->
                verdicts().stream()
                    .filter(v -> v.nodeId().equals(node.nodeId()))
                    .findFirst()
                    .orElseThrow());
  }

  /** Probes a checked node up to this often: one lost or late answer is not a verdict. */
  private static final int CHECK_ATTEMPTS = 3;

  private CompletableFuture<Observation.Liveness> probeUntilProven(NodeId node, int attempts) {
    return probe(node)
        .thenCompose(
            liveness ->
                liveness.provedKey() || attempts <= 1
                    ? CompletableFuture.completedFuture(liveness)
                    : probeUntilProven(node, attempts - 1));
  }

  /**
   * Sends an encrypted request to {@code node} over the request stream and completes with its whole
   * decrypted, verified answer (up to 16 MiB).
   */
  public CompletableFuture<Bytes> request(NodeId node, Bytes request) {
    CompletableFuture<Bytes> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("waypost-request")
        .start(
            () -> {
              try (AnswerStream answer = openRequest(node, request)) {
                result.complete(answer.readAnswer());
                selector.reportSuccess(node);
              } catch (IOException | RuntimeException e) {
                if (e instanceof IOException) {
                  selector.reportFailure(node);
                }
                result.completeExceptionally(
                    new RequestRefusedException(
                        e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
              }
            });
    return result;
  }

  /**
   * Sends an encrypted request to {@code node} and returns its answer as it streams in: each piece
   * is checked before it is read, and the stream ends only once the node's signed end is checked.
   *
   * @throws IOException when the node cannot be reached or has no TCP address in its record
   */
  public AnswerStream openRequest(NodeId node, Bytes request) throws IOException {
    KnownNode known = nodes.get(node);
    if (known == null) {
      throw new IllegalArgumentException("Node " + node + " is not known for this service");
    }
    InetSocketAddress address =
        known
            .record()
            .getTcpAddress()
            .orElseThrow(
                () ->
                    new IOException(
                        "node " + node + " announces no TCP port for requests in its record"));
    try {
      return channel.send(address, known.publicKey(), request);
    } catch (IOException e) {
      throw new IOException(
          "cannot reach node " + node + " at " + address + " (" + e.getMessage() + ")", e);
    }
  }

  /** Probes a node now: PING-like liveness plus proof of its key (a signed challenge). */
  public CompletableFuture<Observation.Liveness> probe(NodeId node) {
    KnownNode known = nodes.get(node);
    if (known == null) {
      return CompletableFuture.completedFuture(Observation.Liveness.failed("unknown node"));
    }
    Instant start = clock.instant();
    return discovery
        .probe(known.record())
        .handle(
            (answer, failure) -> {
              Observation.Liveness liveness;
              if (failure == null) {
                liveness = Observation.Liveness.proven(Duration.between(start, clock.instant()));
                selector.reportSuccess(node);
              } else {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                liveness =
                    Observation.Liveness.failed(
                        "no signed answer to the challenge: " + reason(cause));
                selector.reportFailure(node);
              }
              nodes.computeIfPresent(node, (id, k) -> withLiveness(k, liveness));
              reverify();
              return liveness;
            });
  }

  /** A failure's reason for a user: a timeout says so, and no reason reads "null". */
  private static String reason(Throwable cause) {
    if (cause instanceof java.util.concurrent.TimeoutException) {
      return "no answer in time";
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }

  private void onPeer(PeerEvent event) {
    ServicePeer peer = event.peer();
    if (event.kind() == PeerEvent.Kind.GONE) {
      KnownNode gone = nodes.get(peer.nodeId());
      if (gone != null && !gone.custom()) {
        nodes.remove(peer.nodeId());
        reverify();
      }
      return;
    }
    try {
      NodeAddress address = NodeRecords.describe(NodeRecords.parseEnr(peer.enr()));
      addKnown(address, Optional.of(peer.source()), false);
      probe(peer.nodeId());
    } catch (InvalidRecordException e) {
      // discovery validated it already; a record that fails here is simply not used
    }
  }

  private KnownNode addKnown(NodeAddress address, Optional<PeerSource> source, boolean custom) {
    NodeRecord record = address.record().orElseGet(() -> NodeRecords.unsignedRecord(address));
    Set<Advertisement> how = EnumSet.noneOf(Advertisement.class);
    if (source.isPresent() && source.get() == PeerSource.TOPIC_QUERY) {
      how.add(Advertisement.TOPIC_AD);
    }
    if (address.record().isPresent() && ServiceEntry.provides(record, service)) {
      how.add(Advertisement.ENR_ENTRY);
    }
    if (address.record().isPresent()
        && !discovery.capabilities().mappedCapabilities(record, service).isEmpty()) {
      how.add(Advertisement.MAPPED_CAPABILITY);
    }
    KnownNode previous = nodes.get(address.nodeId());
    KnownNode node =
        new KnownNode(
            address.nodeId(),
            record,
            address.publicKey(),
            how,
            source,
            previous == null ? Observation.Liveness.notYetProbed() : previous.liveness(),
            clock.instant(),
            address.seq(),
            custom || (previous != null && previous.custom()));
    nodes.put(address.nodeId(), node);
    reverify();
    return node;
  }

  private static KnownNode withLiveness(KnownNode k, Observation.Liveness liveness) {
    return new KnownNode(
        k.nodeId(),
        k.record(),
        k.publicKey(),
        k.advertisedBy(),
        k.source(),
        liveness,
        k.lastSeen(),
        k.seq(),
        k.custom());
  }

  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception ignored) {
      // already gone
    }
    peers.close();
  }
}
