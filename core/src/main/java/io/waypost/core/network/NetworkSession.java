package io.waypost.core.network;

import io.waypost.core.chain.ChainConnection;
import io.waypost.core.chain.PendingTransactions;
import io.waypost.core.client.ServiceClient;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.dns.DnsTxtResolver;
import io.waypost.core.discovery.dns.EnrTreeClient;
import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.discovery.enr.NodeAddress;
import io.waypost.core.discovery.peers.PeerSource;
import io.waypost.core.index.IndexerState;
import io.waypost.core.index.RegistryIndexer;
import io.waypost.core.index.RegistryView;
import io.waypost.core.model.Address;
import io.waypost.core.model.ServiceId;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.request.EncryptedRequests;
import io.waypost.core.selection.ServerSelector;
import io.waypost.core.trust.RegistrySnapshot;
import io.waypost.core.trust.TrustPolicy;
import io.waypost.core.trust.TrustVerdict;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything a client needs for one network profile, with one lifetime: a checked connection to its
 * chain, the registry (checked to be the registry), its index following new blocks, the
 * transactions a previous run left pending (watched again), a discovery node joined through the
 * profile's bootnodes, one {@link ServiceClient} per service in the registry's catalogue, and one
 * stream of {@link VerdictSnapshot}s. Built by {@link #builder}, started whole by {@link
 * NetworkSessionBuilder#start()} and closed whole: closing leaves no thread, socket or timer of its
 * own behind. The console holds exactly one and replaces it whole when the user connects elsewhere;
 * every CLI client command opens one. See docs/core.md, "The client session".
 */
public final class NetworkSession implements AutoCloseable {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(NetworkSession.class);

  private final NetworkProfile profile;
  private final Clock clock;
  private final ChainConnection chain;
  private final boolean ownsChain;
  private final SessionExecutors executors;
  private final RegistryClient registry;
  private final RegistryIndexer indexer;
  private final Supplier<RegistrySnapshot> snapshot;
  private final TrustPolicy policy;
  private final boolean trustDefaultProvider;
  private final Optional<Set<Address>> trustExactly;
  private final Optional<Set<ServiceId>> clientsOnlyFor;
  private final Optional<DiscoveryNode> node;
  private final java.util.function.Consumer<DiscoveryNode> stopDiscovery;
  private final SessionTiming timing;
  private final Map<ServiceId, ServiceClient> clients = new ConcurrentHashMap<>();
  private final VerdictStream verdicts;
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  private final CompletableFuture<?> resumedTransactions;
  private final DnsTreeSource dnsTrees;
  private final Duration dnsTreeInterval;
  private volatile boolean closed;
  private volatile ScheduledFuture<?> reprobing;

  private final boolean startedFromIndex;

  NetworkSession(
      NetworkSessionBuilder b,
      ChainConnection chain,
      boolean startedFromIndex,
      Optional<DiscoveryNode> node,
      long deploymentBlock) {
    this.startedFromIndex = startedFromIndex;
    this.profile = b.profile;
    this.clock = b.clock;
    this.chain = chain;
    this.ownsChain = b.chain == null;
    this.executors = b.executors;
    this.policy = b.policy != null ? b.policy : new TrustPolicy(b.database, b.clock);
    this.trustDefaultProvider = b.trustDefaultProvider;
    this.trustExactly = b.trustExactly;
    this.clientsOnlyFor = b.clientsOnlyFor;
    this.timing = b.timing;
    this.node = node;
    this.stopDiscovery = b.stopDiscovery;
    // Started while the endpoint is down, the registry's code cannot be checked now; the index it
    // serves was built by an earlier run whose connection was checked.
    this.registry =
        startedFromIndex
            ? new RegistryClient(chain, profile.registry(), executors.work())
            : RegistryClient.connect(chain, profile.registry(), executors.work());
    this.indexer =
        new RegistryIndexer(
            chain.web3j(),
            profile.rpc().toString(), // redacted: it appears in logs and states
            profile.registry(),
            profile.registryKey(),
            deploymentBlock,
            b.database,
            timing.indexer(),
            executors.scheduler(),
            clock);
    this.snapshot = RegistrySnapshot.cached(indexer);
    this.verdicts = new VerdictStream(executors.scheduler(), this::makeSnapshot);
    this.resumedTransactions = PendingTransactions.of(chain).resume(executors.work());
    this.dnsTreeInterval = b.dnsTreeInterval;
    this.dnsTrees =
        new DnsTreeSource(
            profile.enrTrees(),
            new EnrTreeClient(
                b.dnsResolver != null
                    ? b.dnsResolver
                    : profile.enrTrees().isEmpty()
                        ? name -> List.of() // never asked: there is nothing to read
                        : DnsTxtResolver.create(Optional.empty(), Duration.ofSeconds(5)),
                EnrTreeClient.Limits.defaults()),
            executors.work(),
            clock,
            this::offerListed);
  }

  public static NetworkSessionBuilder builder(
      NetworkProfile profile, io.waypost.core.store.Database database) {
    return new NetworkSessionBuilder(profile, database);
  }

  void begin() {
    indexer.syncOnce();
    subscriptions.add(
        indexer.addListener(
            new RegistryIndexer.Listener() {
              @Override
              public void onUpdate(RegistryIndexer.Update update) {
                registryChanged();
              }

              @Override
              public void onState(IndexerState state) {
                verdicts.changed();
              }
            }));
    addClientsForCatalogue();
    if (startedFromIndex) {
      checkWhenBack();
    } else {
      indexer.start();
    }
    if (node.isPresent()) {
      dnsTrees.start(executors.scheduler(), dnsTreeInterval);
    } else {
      dnsTrees.close();
    }
    long every = timing.reprobeInterval().toMillis();
    reprobing =
        executors
            .scheduler()
            .scheduleWithFixedDelay(this::reprobeFailed, every, every, TimeUnit.MILLISECONDS);
    verdicts.publish();
  }

  private volatile ScheduledFuture<?> checkingChain;
  private volatile boolean wrongChainSaid;

  /**
   * Started from the index while the endpoint was down: the connection was not checked, so the
   * index does not follow the chain until an endpoint answers with the profile's chain id and the
   * registry's code; meanwhile each attempt lets the stale age grow on subscribers' screens.
   */
  private void checkWhenBack() {
    long every = timing.indexer().pollInterval().toMillis();
    checkingChain =
        executors
            .scheduler()
            .scheduleWithFixedDelay(
                () -> {
                  try {
                    long id = chain.web3j().ethChainId().send().getChainId().longValueExact();
                    if (id != profile.chainId()) {
                      if (!wrongChainSaid) {
                        wrongChainSaid = true;
                        LOG.error(
                            "{} now serves chain {}, not {}: the index stays as it was",
                            profile.rpc(),
                            id,
                            profile.chainId());
                      }
                      verdicts.changed();
                      return;
                    }
                    RegistryClient.connect(chain, profile.registry(), executors.work());
                    LOG.info("{} answers again: the index follows the chain", profile.rpc());
                    indexer.start();
                    checkingChain.cancel(false);
                  } catch (java.io.IOException | RuntimeException e) {
                    verdicts.changed(); // still down: the stale age grows
                  }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
  }

  /** Probes again the nodes whose last probe failed: one lost answer is not a verdict. */
  private void reprobeFailed() {
    for (ServiceClient client : clients.values()) {
      client.known().stream()
          .filter(k -> k.liveness().probed() && !k.liveness().provedKey())
          .forEach(k -> client.probe(k.nodeId()));
    }
  }

  /** The index changed: new services get clients, every client verifies again. */
  private void registryChanged() {
    addClientsForCatalogue();
    clients.values().forEach(ServiceClient::reverify);
    verdicts.changed();
  }

  private synchronized void addClientsForCatalogue() {
    if (node.isEmpty() || closed) {
      return;
    }
    for (ServiceId service : indexer.view().services().keySet()) {
      if (clientsOnlyFor.isPresent() && !clientsOnlyFor.get().contains(service)) {
        continue;
      }
      if (!clients.containsKey(service)) {
        ServiceClient client = newClient(service);
        clients.put(service, client);
        offerListed(service, client, dnsTrees.nodes());
      }
    }
  }

  /** Nodes from the profile's node lists: candidates for each service their records advertise. */
  private void offerListed(List<NodeAddress> listed) {
    clients.forEach((service, client) -> offerListed(service, client, listed));
  }

  private void offerListed(ServiceId service, ServiceClient client, List<NodeAddress> listed) {
    CapabilityMap capabilities = node.orElseThrow().capabilities();
    for (NodeAddress address : listed) {
      if (address.record().filter(r -> capabilities.advertises(r, service)).isPresent()) {
        client.offer(address, PeerSource.DNS_TREE);
      }
    }
  }

  private ServiceClient newClient(ServiceId service) {
    ServiceClient client =
        new ServiceClient(
            node.orElseThrow(),
            service,
            timing.peers(),
            new ServiceClient.Inputs(snapshot, this::trustedProviders, policy),
            new ServerSelector(clock, timing.random()),
            new EncryptedRequests(clock, timing.random()),
            clock);
    subscriptions.add(client.onVerdicts(v -> verdicts.changed()));
    return client;
  }

  /**
   * The providers this user trusts here: those given to {@link NetworkSessionBuilder#trustExactly},
   * else the saved choice, else the profile's list, else (for a session built with {@link
   * NetworkSessionBuilder#trustRegistryDefault()}) the registry's first provider.
   */
  public Set<Address> trustedProviders() {
    if (trustExactly.isPresent()) {
      return trustExactly.get();
    }
    Set<Address> chosen = policy.trustedProviders(profile);
    if (chosen.isEmpty() && trustDefaultProvider) {
      return indexer.view().providers().stream()
          .limit(1)
          .map(RegistryView.IndexedProvider::address)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
    return chosen;
  }

  /** The user's trust policy changed: verify again and push what changed. */
  public void policyChanged() {
    clients.values().forEach(ServiceClient::reverify);
    verdicts.changed();
  }

  private VerdictSnapshot makeSnapshot(long sequence) {
    Map<ServiceId, List<TrustVerdict>> byService = new LinkedHashMap<>();
    clients.forEach(
        (service, client) ->
            byService.put(
                service,
                client.verdicts().stream()
                    .sorted(Comparator.comparing(v -> v.nodeId().toString()))
                    .toList()));
    RegistrySnapshot registryNow = snapshot.get();
    if (registryNow.state() instanceof IndexerState.Stale stale) {
      // During an outage the verdicts stay as they were made, but how old the registry state
      // behind them is grows: every snapshot says it as of now.
      Optional<java.time.Duration> age =
          Optional.of(java.time.Duration.between(stale.lastSynced(), clock.instant()));
      byService.replaceAll(
          (service, verdicts) -> verdicts.stream().map(v -> v.withRegistryAge(age)).toList());
    }
    return new VerdictSnapshot(
        sequence, clock.instant(), registryNow.state(), registryNow.serviceNames(), byService);
  }

  // ------------------------------------------------------------------ what the session offers

  public NetworkProfile profile() {
    return profile;
  }

  public ChainConnection chain() {
    return chain;
  }

  public RegistryClient registry() {
    return registry;
  }

  public RegistryIndexer indexer() {
    return indexer;
  }

  public RegistryView view() {
    return indexer.view();
  }

  public TrustPolicy policy() {
    return policy;
  }

  /** This session's own discovery node; empty for a session built without discovery. */
  public Optional<DiscoveryNode> discovery() {
    return node;
  }

  /** The profile's EIP-1459 node lists as this session reads them. */
  public DnsTreeSource dnsTrees() {
    return dnsTrees;
  }

  /** The client for a service in the registry's catalogue. */
  public Optional<ServiceClient> client(ServiceId service) {
    return Optional.ofNullable(clients.get(service));
  }

  /** The clients, one per service in the registry's catalogue, by service name. */
  public Map<String, ServiceClient> clientsByName() {
    Map<ServiceId, String> names = indexer.view().services();
    Map<String, ServiceClient> out = new java.util.TreeMap<>();
    clients.forEach((id, client) -> out.put(names.getOrDefault(id, id.toString()), client));
    return out;
  }

  /** The latest verdict snapshot pushed, if any. */
  public Optional<VerdictSnapshot> verdicts() {
    return verdicts.latest();
  }

  /**
   * Tells {@code subscriber} the latest snapshot now (if there is one) and each changed one after,
   * on the session's scheduler, in order. Close the returned handle to stop.
   */
  public AutoCloseable onVerdicts(Consumer<VerdictSnapshot> subscriber) {
    return verdicts.subscribe(subscriber);
  }

  /**
   * Whether this session was started while every endpoint was down, from what an earlier run
   * indexed (its verdicts are UNKNOWN where the registry decides, with the index's age, until an
   * endpoint answers again).
   */
  public boolean startedFromIndex() {
    return startedFromIndex;
  }

  /** Completes when the transactions a previous run left unfinished have been settled. */
  public CompletableFuture<?> resumedTransactions() {
    return resumedTransactions;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    verdicts.close();
    for (AutoCloseable subscription : subscriptions) {
      try {
        subscription.close();
      } catch (Exception ignored) {
        // a listener that is gone already
      }
    }
    if (checkingChain != null) {
      checkingChain.cancel(false);
    }
    indexer.close();
    dnsTrees.close();
    if (reprobing != null) {
      reprobing.cancel(false);
    }
    clients.values().forEach(ServiceClient::close);
    node.ifPresent(stopDiscovery);
    resumedTransactions.cancel(true);
    if (ownsChain) {
      chain.close();
    }
    executors.closeOwned();
  }
}
