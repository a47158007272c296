package io.waypost.core.discovery;

import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.discovery.enr.ServiceEntry;
import io.waypost.core.discovery.peers.PeerCache;
import io.waypost.core.discovery.peers.PeerPolicy;
import io.waypost.core.discovery.peers.PeerSource;
import io.waypost.core.discovery.peers.ServicePeers;
import io.waypost.core.discovery.talk.PacketSources;
import io.waypost.core.discovery.talk.ProbeProtocol;
import io.waypost.core.discovery.talk.TalkDispatcher;
import io.waypost.core.discovery.talk.TalkProtocol;
import io.waypost.core.discovery.topic.Advertiser;
import io.waypost.core.discovery.topic.Registrar;
import io.waypost.core.discovery.topic.TopDiscCapability;
import io.waypost.core.discovery.topic.TopicParameters;
import io.waypost.core.discovery.topic.TopicSearch;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.DiscoverySystem;
import org.ethereum.beacon.discovery.DiscoverySystemBuilder;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Waypost discovery node: a discv5 node (Teku's library) that is a TopDisc registrar, can
 * advertise services by ENR entry and topic ads, finds service peers, and answers probes. Build it
 * with {@link #builder()}; every operation that talks to the network returns a future.
 */
public final class DiscoveryNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryNode.class);

  /** FINDNODE requests one peer-tracker search may spend on the ENR walk. */
  private static final int ENR_WALK_BUDGET = 48;

  /** Bytes per second the library's UDP server reads (its own default). */
  private static final int TRAFFIC_READ_LIMIT = 250_000;

  private final NodeKey key;
  private final DiscoverySystem system;
  private final List<NodeRecord> bootnodes;
  private final TalkDispatcher talk;
  private final PacketSources packetSources = new PacketSources();
  private final Optional<SessionGate> sessionGate;
  private final Registrar registrar;
  private final Messenger messenger;
  private final TopicParameters parameters;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final OwnedSchedulers schedulers = new OwnedSchedulers();
  private final Clock clock;
  private final SecureRandom random;
  private final Duration placementInterval;
  private final Optional<PeerCache> peerCache;
  private final CapabilityMap capabilities;
  private final Set<ServiceId> advertised = ConcurrentHashMap.newKeySet();
  private final Map<ServiceId, Advertiser> advertisers = new ConcurrentHashMap<>();
  private final List<ServicePeers> watches = new java.util.concurrent.CopyOnWriteArrayList<>();

  private DiscoveryNode(Builder b) {
    Crypto.ensureProvider();
    this.key = b.key;
    this.clock = b.clock;
    this.random = b.random;
    this.parameters = b.parameters;
    this.placementInterval = b.placementInterval;
    this.peerCache = Optional.ofNullable(b.peerCache);
    this.capabilities = b.capabilities;
    this.ownsScheduler = b.scheduler == null;
    this.scheduler =
        ownsScheduler
            ? Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "waypost-discovery");
                  t.setDaemon(true);
                  return t;
                })
            : b.scheduler;
    this.bootnodes = List.copyOf(b.bootnodes);
    this.talk = new TalkDispatcher();
    NodeRecordBuilder record =
        new NodeRecordBuilder()
            .signer(key.signer())
            .seq(1)
            .address(
                b.externalHost == null ? b.host : b.externalHost,
                b.port,
                b.tcpPort == 0 ? b.port : b.tcpPort);
    if (b.registrar) {
      record.customField(TopDiscCapability.KEY, TopDiscCapability.VERSION_1);
    }
    if (!b.services.isEmpty()) {
      record.customField(ServiceEntry.KEY, ServiceEntry.encode(b.services));
      advertised.addAll(b.services);
    }
    b.recordFields.forEach(record::customField);
    this.sessionGate =
        Optional.ofNullable(b.sessionLimits)
            .map(
                limits ->
                    new SessionGate(
                        new java.net.InetSocketAddress(b.host, b.port),
                        TRAFFIC_READ_LIMIT,
                        key.nodeId().value(),
                        limits,
                        clock));
    DiscoverySystemBuilder builder =
        new DiscoverySystemBuilder()
            .listen(b.host, b.port)
            .trafficReadLimit(TRAFFIC_READ_LIMIT)
            .localNodeRecord(record.build())
            .signer(key.signer())
            .bootnodes(bootnodes)
            .talkHandler(talk)
            .schedulers(schedulers)
            .addressAccessPolicy(packetSources);
    sessionGate.ifPresent(builder::discoveryServer);
    if (b.recursiveLookupInterval != null) {
      builder.recursiveLookupInterval(b.recursiveLookupInterval);
    }
    if (b.lifeCheckInterval != null) {
      builder.lifeCheckInterval(b.lifeCheckInterval);
    }
    this.system = builder.build();
    this.messenger = new Messenger(system, b.requestTimeout, scheduler, random);
    this.registrar =
        new Registrar(clock, parameters, random, this::knownNodes, packetSources::current);
    if (b.registrar) {
      talk.register(io.waypost.core.discovery.topic.TopicCodec.PROTOCOL, registrar::handle);
    }
    talk.register(ProbeProtocol.PROTOCOL, new ProbeProtocol(key, clock));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Joins the network and starts placing ads for the services given to the builder. */
  public CompletableFuture<Void> start() {
    return system
        .start()
        .thenRun(
            () -> {
              advertised.forEach(this::startAdvertiser);
              LOG.info("Discovery node {} listening, ENR {}", key.nodeId(), localEnr());
            });
  }

  /** Stops ads, searches and the discv5 node (the library takes about 2 s). */
  @Override
  public void close() {
    advertisers.values().forEach(Advertiser::stop);
    watches.forEach(ServicePeers::close);
    system.stop();
    schedulers.shutdown();
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  /**
   * Stops nodes in parallel, one platform thread each, and returns when all are stopped. The
   * library takes about 2 s to stop a node (Netty's quiet period), and stops block, so they must
   * not share a pool: the common pool has one worker on a two-core machine, where twelve stops in a
   * row took longer than a window's close may.
   */
  public static void closeAll(Collection<DiscoveryNode> nodes) {
    try (ExecutorService stoppers =
        Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("discovery-stop-", 0).daemon().factory())) {
      nodes.forEach(node -> stoppers.execute(node::close));
    }
  }

  public NodeId nodeId() {
    return key.nodeId();
  }

  public NodeRecord localRecord() {
    return system.getLocalNodeRecord();
  }

  public String localEnr() {
    return system.getLocalNodeRecord().asEnr();
  }

  /** Advertises a service by both mechanisms: the ENR entry and topic ads. */
  public void advertise(ServiceId service) {
    if (advertised.add(service)) {
      updateServiceEntry();
      startAdvertiser(service);
    }
  }

  /** Stops advertising: the ENR entry drops the service now, ads lapse within their lifetime. */
  public void stopAdvertising(ServiceId service) {
    if (advertised.remove(service)) {
      Advertiser advertiser = advertisers.remove(service);
      if (advertiser != null) {
        advertiser.stop();
      }
      updateServiceEntry();
    }
  }

  public Set<ServiceId> advertisedServices() {
    return Set.copyOf(advertised);
  }

  /** Registrars that currently hold this node's ad for the service. */
  public int activeAdPlacements(ServiceId service) {
    Advertiser advertiser = advertisers.get(service);
    return advertiser == null ? 0 : advertiser.activeRegistrations();
  }

  /** Registrations given up for the service (registrar unreachable or answering badly). */
  public long failedAdPlacements(ServiceId service) {
    Advertiser advertiser = advertisers.get(service);
    return advertiser == null ? 0 : advertiser.failedRegistrations();
  }

  private void updateServiceEntry() {
    Bytes value = advertised.isEmpty() ? Bytes.EMPTY : ServiceEntry.encode(advertised);
    system.updateCustomFieldValue(ServiceEntry.KEY, value);
  }

  private void startAdvertiser(ServiceId service) {
    Advertiser advertiser =
        new Advertiser(
            service,
            messenger,
            system::getLocalNodeRecord,
            this::knownNodes,
            parameters,
            scheduler,
            clock,
            random,
            placementInterval);
    advertisers.put(service, advertiser);
    advertiser.start();
  }

  /** Finds advertisers by topic query (TopDisc). */
  public CompletableFuture<SearchResult> searchByTopic(ServiceId service, int wanted) {
    return new TopicSearch(messenger, this::knownNodes, parameters, clock, random)
        .search(service, wanted);
  }

  /** Finds advertisers by random walks filtered by the ENR entry, within a request budget. */
  public CompletableFuture<SearchResult> searchByEnrWalk(
      ServiceId service, int wanted, int maxRequests) {
    return new EnrWalkSearch(messenger, this::knownNodes, capabilities, clock, random)
        .search(service, wanted, maxRequests);
  }

  /** Starts tracking a service's live peers under a policy; closed with this node. */
  public ServicePeers watch(ServiceId service, PeerPolicy policy) {
    ServicePeers peers =
        new ServicePeers(
            service, policy, messenger, this::findForWatch, peerCache, scheduler, clock);
    watches.add(peers);
    peers.start();
    return peers;
  }

  /**
   * Bootnodes that advertise the service at once, then the topic search's and the ENR walk's finds,
   * each handed on as the answer that brings it arrives, so that a client probes the first while
   * the search goes on. The two searches run side by side: the walk is the fallback for networks
   * without TopDisc registrars (or ads not yet placed) and ran after every topic search anyway, on
   * a small budget so that a slow refresh stays cheap; run after it, it waited for the topic
   * search's slowest registrar, up to a request timeout, before finding what the records already
   * said.
   */
  private CompletableFuture<Void> findForWatch(
      ServiceId service, java.util.function.Consumer<ServicePeers.Found> found) {
    bootnodes.stream()
        .filter(b -> capabilities.advertises(b, service))
        .forEach(b -> found.accept(new ServicePeers.Found(b, PeerSource.BOOTNODE)));
    CompletableFuture<Void> topic =
        new TopicSearch(messenger, this::knownNodesAndBootnodes, parameters, clock, random)
            .search(
                service,
                parameters.fLookup(),
                r -> found.accept(new ServicePeers.Found(r, PeerSource.TOPIC_QUERY)))
            .thenAccept(result -> LOG.debug("Topic search for {}: {}", service, result));
    CompletableFuture<Void> walk =
        new EnrWalkSearch(messenger, this::knownNodesAndBootnodes, capabilities, clock, random)
            .search(
                service,
                parameters.fLookup(),
                ENR_WALK_BUDGET,
                r -> found.accept(new ServicePeers.Found(r, PeerSource.ENR_WALK)))
            .thenAccept(result -> LOG.debug("ENR walk for {}: {}", service, result));
    return CompletableFuture.allOf(topic, walk);
  }

  /** PINGs a node; completes with the round-trip time. */
  public CompletableFuture<Duration> ping(NodeRecord node) {
    long started = System.nanoTime();
    return messenger.ping(node).thenApply(v -> Duration.ofNanos(System.nanoTime() - started));
  }

  /** Asks a node to sign a fresh nonce with its node key and checks the signature. */
  public CompletableFuture<ProbeProtocol.ProbeAnswer> probe(NodeRecord node) {
    Bytes nonce = Bytes.random(16, random);
    Bytes publicKey = NodeRecords.describe(node).publicKey();
    return messenger
        .talk(node, ProbeProtocol.PROTOCOL, ProbeProtocol.request(nonce))
        .thenApply(
            response ->
                ProbeProtocol.verify(nonce, response, publicKey)
                    .orElseThrow(
                        () -> new IllegalStateException("probe answer not signed by the node")));
  }

  /**
   * Finds a node's record by its id through the DHT (see {@link NodeLookup}), within a budget of
   * FINDNODE requests.
   */
  public CompletableFuture<NodeLookup.Result> resolve(NodeId target, int maxRequests) {
    return new NodeLookup(messenger, this::knownNodesAndBootnodes, clock)
        .resolve(target.value(), maxRequests);
  }

  /**
   * Where a search starts: the live nodes of the routing table and the bootnodes. A node that has
   * just started knows its bootnodes before the library counts any of them as live (on the devnet:
   * no live node when the node has started, one after 0.1 s, five after 0.5 s), and a client
   * command searches at once: from the table alone its first search could ask nobody.
   */
  private Stream<NodeRecord> knownNodesAndBootnodes() {
    Map<Bytes, NodeRecord> unique = new LinkedHashMap<>();
    Stream.concat(knownNodes(), bootnodes.stream())
        .forEach(n -> unique.merge(n.getNodeId(), n, NodeRecords::newer));
    return unique.values().stream();
  }

  /** Sends a raw TALKREQ (for other Waypost protocols and for tests). */
  public CompletableFuture<Bytes> talk(NodeRecord node, Bytes protocol, Bytes request) {
    return messenger.talk(node, protocol, request);
  }

  /** Adds a TALKREQ sub-protocol (e.g. encrypted requests) under its protocol id. */
  public void registerTalkProtocol(Bytes protocolId, TalkProtocol protocol) {
    talk.register(protocolId, protocol);
  }

  /** Which record capabilities count as advertising which service (see {@link CapabilityMap}). */
  public CapabilityMap capabilities() {
    return capabilities;
  }

  public Registrar registrar() {
    return registrar;
  }

  public TalkDispatcher talkDispatcher() {
    return talk;
  }

  /**
   * Sessions that packets made the library hold now (see {@link SessionGate}): bounded however many
   * source ids a flood names.
   */
  public int heldSessions() {
    return sessionGate.map(SessionGate::held).orElse(0);
  }

  /** Packets dropped because a new session would have passed the gate's limits. */
  public long refusedSessionPackets() {
    return sessionGate.map(SessionGate::refused).orElse(0L);
  }

  public long requestsSent() {
    return messenger.requestsSent();
  }

  /** Requests sent a second time because the first attempt timed out (see {@link Messenger}). */
  public long requestsRetried() {
    return messenger.requestsRetried();
  }

  /** The node's requests (with its timeout and counts), for a search built outside the node. */
  public Transport transport() {
    return messenger;
  }

  /** Live nodes of the routing table, without the duplicates the library may stream. */
  public Stream<NodeRecord> knownNodes() {
    Map<Bytes, NodeRecord> unique = new LinkedHashMap<>();
    system.streamLiveNodes().forEach(n -> unique.merge(n.getNodeId(), n, NodeRecords::newer));
    return unique.values().stream();
  }

  /** Configures a node. Defaults suit production; tests shorten times and inject a clock. */
  public static final class Builder {
    private NodeKey key;
    private String host = "0.0.0.0";
    private int port = 9000;
    private int tcpPort;
    private String externalHost;
    private final List<NodeRecord> bootnodes = new ArrayList<>();
    private final Set<ServiceId> services = new LinkedHashSet<>();
    private TopicParameters parameters = TopicParameters.defaults();
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private ScheduledExecutorService scheduler;
    private Duration placementInterval = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(2);
    private Duration recursiveLookupInterval;
    private Duration lifeCheckInterval;
    private SessionGate.SessionLimits sessionLimits = SessionGate.SessionLimits.defaults();
    private PeerCache peerCache;
    private CapabilityMap capabilities = CapabilityMap.defaults();
    private final Map<String, Bytes> recordFields = new LinkedHashMap<>();
    private boolean registrar = true;

    private Builder() {}

    /**
     * Whether the node serves as a TopDisc registrar (default: yes; its record then carries {@code
     * wptd}). A node that lives for one command should not: advertisers would place ads on it that
     * vanish with it, and every searcher that still has it in its table would wait out a request to
     * it for as long as the network remembers it.
     */
    public Builder registrar(boolean serves) {
      this.registrar = serves;
      return this;
    }

    /**
     * Which record capabilities count as advertising a service; default {@link
     * CapabilityMap#defaults()}.
     */
    public Builder capabilities(CapabilityMap capabilities) {
      this.capabilities = capabilities;
      return this;
    }

    /**
     * An extra entry in the node's own record, e.g. {@code waku2} for a node that is also a Waku
     * store node. The reserved keys (id, secp256k1, ip, udp, tcp and Waypost's own) are refused.
     */
    public Builder recordField(String key, Bytes value) {
      if (java.util.List.of(
              "id",
              "secp256k1",
              "ip",
              "ip6",
              "udp",
              "udp6",
              "tcp",
              "tcp6",
              "seq",
              ServiceEntry.KEY,
              TopDiscCapability.KEY)
          .contains(key)) {
        throw new IllegalArgumentException(
            "the record entry '" + key + "' is set by the node itself");
      }
      recordFields.put(key, value);
      return this;
    }

    public Builder nodeKey(NodeKey key) {
      this.key = key;
      return this;
    }

    public Builder bind(String host, int port) {
      this.host = host;
      this.port = port;
      return this;
    }

    /**
     * The IP address the record announces, when it is known (a public address behind NAT). Left
     * unset, the record starts with the bind address and the library replaces it with the address
     * its peers see (a majority of PONG votes), so {@code 0.0.0.0} works too.
     */
    public Builder externalAddress(String host) {
      this.externalHost = host;
      return this;
    }

    /**
     * The TCP port the record announces: the service's own port (e.g. the mail server's devp2p
     * listener), which clients connect to. Defaults to the UDP port, as the library does.
     */
    public Builder tcpPort(int tcpPort) {
      this.tcpPort = tcpPort;
      return this;
    }

    /** Adds a bootnode as {@code enr:} or {@code enode://} text; a bad one is refused here. */
    public Builder bootnode(String text) throws InvalidRecordException {
      NodeAddress address = NodeRecords.parse(text);
      bootnodes.add(address.record().orElseGet(() -> NodeRecords.unsignedRecord(address)));
      return this;
    }

    public Builder bootnode(NodeRecord record) {
      bootnodes.add(record);
      return this;
    }

    public Builder advertise(ServiceId service) {
      services.add(service);
      return this;
    }

    public Builder topicParameters(TopicParameters parameters) {
      this.parameters = parameters;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /** A scheduler owned by the caller (not shut down by the node). */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    public Builder placementInterval(Duration interval) {
      this.placementInterval = interval;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** How often the library walks the DHT by itself (its default: 20 s). */
    public Builder recursiveLookupInterval(Duration interval) {
      this.recursiveLookupInterval = interval;
      return this;
    }

    /** How often the library checks the liveness of its table's nodes (its default: 1 s). */
    public Builder lifeCheckInterval(Duration interval) {
      this.lifeCheckInterval = interval;
      return this;
    }

    /**
     * Bounds on the sessions strangers' packets make the library hold (tests shrink them; null
     * leaves the library unguarded, as the flood benchmark's "before").
     */
    Builder sessionLimits(SessionGate.SessionLimits limits) {
      this.sessionLimits = limits;
      return this;
    }

    public Builder peerCache(PeerCache cache) {
      this.peerCache = cache;
      return this;
    }

    public DiscoveryNode build() {
      if (key == null) {
        throw new IllegalStateException("a node key is required");
      }
      return new DiscoveryNode(this);
    }
  }
}
