package io.waypost.core.network;

import io.waypost.core.chain.ChainConnection;
import io.waypost.core.chain.JournalReceiptProcessor;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.dns.TxtResolver;
import io.waypost.core.index.RegistryIndexer;
import io.waypost.core.index.RegistryView;
import io.waypost.core.model.Address;
import io.waypost.core.model.ServiceId;
import io.waypost.core.trust.TrustPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How to build a {@link NetworkSession}. Production defaults: its own executors (closed with it),
 * the system clock, the profile's timing (devnet or network), a fresh discovery key bound to
 * loopback.
 */
public final class NetworkSessionBuilder {

  // Under the session's name: what it logs is the session's opening.
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(NetworkSession.class);

  // Package-private: NetworkSession's constructor reads them; nothing else in the package does.
  NetworkProfile profile;
  final io.waypost.core.store.Database database;
  Clock clock = Clock.systemUTC();
  SessionExecutors executors;
  ChainConnection chain;
  TrustPolicy policy;
  boolean trustDefaultProvider;
  Optional<Set<Address>> trustExactly = Optional.empty();
  Optional<Set<ServiceId>> clientsOnlyFor = Optional.empty();
  boolean discovery = true;
  java.util.function.Consumer<DiscoveryNode> stopDiscovery = DiscoveryNode::close;
  final SessionDiscovery.Options nodeOptions = new SessionDiscovery.Options();
  SessionTiming timing;
  TxtResolver dnsResolver;
  Duration dnsTreeInterval = DnsTreeSource.INTERVAL;
  boolean startedFromIndex;

  NetworkSessionBuilder(NetworkProfile profile, io.waypost.core.store.Database database) {
    this.profile = java.util.Objects.requireNonNull(profile, "profile");
    this.database = java.util.Objects.requireNonNull(database, "database");
  }

  public NetworkSessionBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Executors owned by the caller: the session never shuts them down. */
  public NetworkSessionBuilder executors(ExecutorService work, ScheduledExecutorService scheduler) {
    this.executors = SessionExecutors.borrowed(work, scheduler);
    return this;
  }

  /** A chain connection owned by the caller (the embedded devnet's); checked against the id. */
  public NetworkSessionBuilder chain(ChainConnection chain) {
    if (chain.chainId() != profile.chainId()) {
      throw new IllegalArgumentException(
          "The connection is to chain " + chain.chainId() + ", not " + profile.chainId());
    }
    this.chain = chain;
    return this;
  }

  /** The user's trust policy (default: the store's). */
  public NetworkSessionBuilder trustPolicy(TrustPolicy policy) {
    this.policy = policy;
    return this;
  }

  /** With neither a saved choice nor a profile list, trust the registry's first provider. */
  public NetworkSessionBuilder trustRegistryDefault() {
    this.trustDefaultProvider = true;
    return this;
  }

  /** Trust exactly these providers (a command's {@code --trust}), whatever the user saved. */
  public NetworkSessionBuilder trustExactly(Set<Address> providers) {
    this.trustExactly = Optional.of(Set.copyOf(providers));
    return this;
  }

  /** Without a discovery node and service clients: the chain and the index only. */
  public NetworkSessionBuilder withoutDiscovery() {
    this.discovery = false;
    return this;
  }

  /**
   * How {@link #close} stops the discovery node (default: {@link DiscoveryNode#close}, which waits
   * out the library's 2 s quiet period). A one-shot command that exits right after may stop it
   * without waiting.
   */
  public NetworkSessionBuilder stopDiscoveryWith(
      java.util.function.Consumer<DiscoveryNode> stopper) {
    this.stopDiscovery = java.util.Objects.requireNonNull(stopper, "stopper");
    return this;
  }

  /** The discovery node's key, kept across runs (default: a fresh one). */
  public NetworkSessionBuilder nodeKey(io.waypost.core.discovery.NodeKey key) {
    nodeOptions.key = key;
    return this;
  }

  /** The discovery node's bind address (default 127.0.0.1) and port (0: a free one). */
  public NetworkSessionBuilder bind(String host, int port) {
    nodeOptions.host = host;
    nodeOptions.port = port;
    return this;
  }

  /**
   * Service clients only for these services (default: one for every service the registry lists). A
   * command about one service need not search for, probe and verify the nodes of the others.
   */
  public NetworkSessionBuilder clientsOnlyFor(Set<ServiceId> services) {
    this.clientsOnlyFor = Optional.of(Set.copyOf(services));
    return this;
  }

  /**
   * Whether the session's discovery node serves as a TopDisc registrar (default: yes). A one-shot
   * command's node should not: see {@link DiscoveryNode.Builder#registrar(boolean)}.
   */
  public NetworkSessionBuilder discoveryRegistrar(boolean serves) {
    nodeOptions.registrar = serves;
    return this;
  }

  /** Where the profile's node lists are looked up (default: the system's DNS resolvers). */
  public NetworkSessionBuilder dnsResolver(TxtResolver resolver) {
    this.dnsResolver = java.util.Objects.requireNonNull(resolver, "resolver");
    return this;
  }

  /** How often the node lists are read again (default {@link DnsTreeSource#INTERVAL}). */
  public NetworkSessionBuilder dnsTreeInterval(Duration interval) {
    this.dnsTreeInterval = interval;
    return this;
  }

  /** Intervals, peer policy and randomness (default: {@link SessionTiming#of(NetworkProfile)}). */
  public NetworkSessionBuilder timing(SessionTiming timing) {
    this.timing = timing;
    return this;
  }

  /**
   * The profile's deployment block; when it is 0 on a real network, found by binary search over
   * eth_getCode so that the index never scans from block 0 (0 if the endpoint cannot tell).
   */
  private long deploymentBlock(ChainConnection connection) {
    if (profile.deploymentBlock() != 0 || profile.isDevnet() || startedFromIndex) {
      return profile.deploymentBlock();
    }
    try {
      long head = connection.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
      long found = DeploymentBlock.find(connection.web3j(), profile.registry(), head);
      LOG.info("Registry {} was deployed in block {}", profile.registry(), found);
      remember(found);
      return found;
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn(
          "The registry's deployment block could not be found ({}); indexing from block 0",
          e.getMessage());
      return 0;
    }
  }

  /**
   * Keeps a found deployment block: in this session's profile, and in the saved profile of the same
   * name, chain and registry, so that the search is made once.
   */
  private void remember(long found) {
    profile = profile.withDeploymentBlock(found);
    NetworkProfiles saved = new NetworkProfiles(database, clock);
    saved
        .find(profile.name())
        .filter(p -> p.registryKey().equals(profile.registryKey()) && p.deploymentBlock() == 0)
        .ifPresent(p -> saved.save(p.withDeploymentBlock(found)));
  }

  /**
   * The profile's chain, checked; when no endpoint answers but an earlier run indexed this
   * registry, a connection that serves the index (stale, with its age) until one answers again.
   */
  private ChainConnection connect() {
    JournalReceiptProcessor.Polling polling =
        profile.isDevnet()
            ? JournalReceiptProcessor.Polling.devnet()
            : JournalReceiptProcessor.Polling.network();
    try {
      return ChainConnection.open(
          profile.rpcs(), profile.chainId(), database, clock, polling, timing.rpcTimeout());
    } catch (io.waypost.core.chain.ChainUnreachableException unreachable) {
      java.util.OptionalLong indexed =
          new RegistryView(database, profile.registryKey()).indexedBlock();
      if (indexed.isEmpty() || profile.isDevnet()) {
        throw unreachable; // nothing to answer from (the devnet's chain is new at each start)
      }
      LOG.warn(
          "{}; answering from the index (up to block {}) until it answers again",
          unreachable.getMessage(),
          indexed.getAsLong());
      startedFromIndex = true;
      return ChainConnection.unchecked(
          profile.rpcs(), profile.chainId(), database, clock, polling, timing.rpcTimeout());
    }
  }

  /**
   * Connects (checking the chain id and the registry's code), indexes up to the head once, joins
   * discovery through the profile's bootnodes and starts a client per catalogue service. On any
   * failure everything started so far is closed again and the error names what is wrong.
   */
  public NetworkSession start() {
    if (timing == null) {
      timing = SessionTiming.of(profile);
    }
    if (profile.confirmations().isPresent()) {
      RegistryIndexer.Options index = timing.indexer();
      timing =
          timing.withIndexer(
              new RegistryIndexer.Options(
                  profile.confirmations().getAsInt(),
                  index.pollInterval(),
                  index.initialPageBlocks(),
                  index.maxPageBlocks()));
    }
    if (executors == null) {
      executors = SessionExecutors.own();
    }
    ChainConnection connection = null;
    Optional<DiscoveryNode> node = Optional.empty();
    NetworkSession session = null;
    // The discovery node joins while the chain is connected and checked: neither needs the
    // other, and a node that has joined early has a fuller table when the first search starts.
    CompletableFuture<DiscoveryNode> joining = discovery ? joinAside() : null;
    try {
      connection = chain != null ? chain : connect();
      connection.headStuckAfter(timing.headStuckAfter());
      if (joining != null) {
        node = Optional.of(joined(joining));
      }
      long deploymentBlock = deploymentBlock(connection);
      session = new NetworkSession(this, connection, startedFromIndex, node, deploymentBlock);
      session.begin();
      return session;
    } catch (RuntimeException e) {
      if (session != null) {
        session.close();
      } else {
        if (node.isEmpty() && joining != null) {
          closeWhenJoined(joining);
        }
        node.ifPresent(DiscoveryNode::close);
        if (chain == null && connection != null) {
          connection.close();
        }
        executors.closeOwned();
      }
      throw e;
    }
  }

  private CompletableFuture<DiscoveryNode> joinAside() {
    NetworkProfile joiningProfile = profile;
    SessionTiming joiningTiming = timing;
    CompletableFuture<DiscoveryNode> joining = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("discovery-join")
        .start(
            () -> {
              try {
                joining.complete(
                    SessionDiscovery.join(joiningProfile, nodeOptions, joiningTiming, clock));
              } catch (RuntimeException e) {
                joining.completeExceptionally(e);
              }
            });
    return joining;
  }

  /** The joined node, or the join's own error (its message names what is wrong). */
  private static DiscoveryNode joined(CompletableFuture<DiscoveryNode> joining) {
    try {
      return joining.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Start failed elsewhere: the node that joined meanwhile is stopped before the error goes on. */
  private static void closeWhenJoined(CompletableFuture<DiscoveryNode> joining) {
    try {
      joining.join().close();
    } catch (RuntimeException joinFailedToo) {
      // the first error is the one reported
    }
  }
}
