package io.waypost.app.console;

import io.waypost.core.account.Keystores;
import io.waypost.core.client.ServiceClient;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.DevnetSafe;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.model.Address;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.network.NetworkProfiles;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.network.NetworkSessionBuilder;
import io.waypost.core.store.Database;
import io.waypost.core.store.Settings;
import io.waypost.core.trust.TrustPolicy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;

/**
 * The console's services, without JavaFX: the store, the embedded devnet, the one network session
 * in use (chain, index, discovery and service clients for one profile, replaced whole on a switch)
 * and the active account. Screens get it injected and subscribe to its changes; it never calls into
 * the UI itself.
 */
public final class ConsoleContext implements AutoCloseable {

  /**
   * Where data lives, whether the devnet keeps its chain, runs its discovery network, and hands its
   * registry to a 2-of-3 Safe of devnet accounts (to show owner and curator actions through it),
   * and the DNS server that EIP-1459 node lists are read from ({@code host[:port]}; empty: the
   * system's resolvers).
   */
  public record Config(
      Path dataDir,
      boolean persistDevnet,
      boolean devnetDiscovery,
      boolean devnetSafeOwner,
      Optional<String> dnsServer) {

    public Config(Path dataDir, boolean persistDevnet, boolean devnetDiscovery) {
      this(dataDir, persistDevnet, devnetDiscovery, false);
    }

    public Config(
        Path dataDir, boolean persistDevnet, boolean devnetDiscovery, boolean devnetSafeOwner) {
      this(dataDir, persistDevnet, devnetDiscovery, devnetSafeOwner, Optional.empty());
    }

    /** The same, reading node lists from {@code server} ({@code host[:port]}). */
    public Config withDnsServer(Optional<String> server) {
      return new Config(dataDir, persistDevnet, devnetDiscovery, devnetSafeOwner, server);
    }

    /** The embedded default: a fresh devnet with its discovery network. */
    public static Config embedded(Path dataDir) {
      return new Config(dataDir, false, true);
    }
  }

  private final Config config;
  private final Clock clock;
  private final Database database;
  private final Settings settings;
  private final Keystores keystores;
  private final NetworkProfiles profiles;
  private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final Listeners<NetworkSession> sessionListeners = new Listeners<>();
  private final Listeners<Optional<AccountOption>> accountListeners = new Listeners<>();
  private final Map<Address, Credentials> unlocked = new ConcurrentHashMap<>();
  private volatile Devnet devnet;
  private volatile DevnetSafe devnetSafe;
  private volatile NetworkSession session;
  // Set by the user on the FX thread and by a session's start on a worker: each change from a
  // worker
  // is a compare-and-set, so that it never overwrites a choice the user made meanwhile.
  private final java.util.concurrent.atomic.AtomicReference<AccountOption> active =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final TrustPolicy policy;
  private final ConnectionWatch connection = new ConnectionWatch();

  public ConsoleContext(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.database = Database.open(config.dataDir().resolve("waypost.db"));
    this.settings = new Settings(database);
    this.keystores =
        new Keystores(config.dataDir().resolve("keystores"), Keystores.Strength.STANDARD);
    this.profiles = new NetworkProfiles(database, clock);
    this.policy = new TrustPolicy(database, clock);
  }

  private volatile CompletableFuture<NetworkSession> devnetStart;

  /** The devnet's start, once {@link #startDevnet()} was called. */
  public CompletableFuture<NetworkSession> startDevnetFuture() {
    return devnetStart == null
        ? CompletableFuture.failedFuture(new IllegalStateException("no devnet"))
        : devnetStart;
  }

  /**
   * Starts the embedded devnet (with its discovery network unless the config says otherwise) and
   * connects to it. Completes on a worker thread.
   */
  public CompletableFuture<NetworkSession> startDevnet() {
    devnetStart =
        CompletableFuture.supplyAsync(
            () -> {
              connection.connecting(NetworkProfile.DEVNET);
              try {
                Devnet.Options options =
                    new Devnet.Options(
                        config.dataDir(),
                        config.persistDevnet(),
                        FoundryToolchain.locate().anvil());
                devnet =
                    Devnet.start(
                        config.devnetDiscovery() ? options.withDiscovery() : options,
                        database,
                        work,
                        clock);
                if (config.devnetSafeOwner()) {
                  devnetSafe = DevnetSafe.handOver(devnet);
                }
              } catch (Exception e) {
                connectionFailed(NetworkProfile.DEVNET, e);
                throw new IllegalStateException(
                    "The embedded devnet did not start: " + e.getMessage(), e);
              }
              Devnet started = devnet;
              started
                  .anvilDied()
                  .thenAccept(
                      why -> {
                        devnetGone = true;
                        if (session().filter(s -> s.profile().isDevnet()).isPresent()) {
                          connection.lost(
                              Optional.of(
                                  "the devnet's chain stopped ("
                                      + why
                                      + "); restart the console for a new one"));
                        }
                      });
              NetworkSession devnetSession = startSession(devnet.profile());
              AccountOption first = accounts().get(0);
              if (active.compareAndSet(null, first)) {
                accountListeners.tell(Optional.of(first));
              }
              return devnetSession;
            },
            work);
    return devnetStart;
  }

  /**
   * Connects to a profile (checked: chain id, registry code), joins its discovery network and makes
   * it current; the previous session is closed whole. The devnet's profile reuses the running
   * devnet.
   */
  public CompletableFuture<NetworkSession> connect(NetworkProfile profile) {
    return CompletableFuture.supplyAsync(
        () -> startSession(profile.isDevnet() && devnet != null ? devnet.profile() : profile),
        work);
  }

  private NetworkSession startSession(NetworkProfile profile) {
    connection.connecting(profile.name());
    NetworkSession next;
    try {
      NetworkSessionBuilder builder =
          NetworkSession.builder(profile, database)
              .clock(clock)
              .executors(work, scheduler)
              .trustPolicy(policy)
              .nodeKey(consoleNodeKey())
              .bind(discoveryHost(profile), 0)
              .dnsResolver(dnsResolver());
      if (profile.isDevnet() && devnet != null) {
        builder.chain(devnet.chain());
        if (devnet.discovery().isEmpty()) {
          builder.withoutDiscovery();
        }
      }
      next = builder.start();
    } catch (RuntimeException e) {
      connectionFailed(profile.name(), e);
      throw e;
    }
    if (profile.isDevnet() && devnet != null) {
      addDevnetCustomServers(next);
    }
    connection.watch(next, watched -> session == watched, () -> devnetGone);
    NetworkSession previous = session;
    session = next;
    AccountOption acting = active.get();
    Optional<AccountOption> renamed = Optional.empty();
    if (acting != null) {
      // The same account, named as this network knows it; unless the user chose another meanwhile.
      renamed =
          accounts().stream()
              .filter(a -> a.address().equals(acting.address()) && a.unlocked())
              .findFirst()
              .filter(a -> a != acting && active.compareAndSet(acting, a));
    }
    connection.connected(profile.name());
    sessionListeners.tell(next);
    renamed.ifPresent(a -> accountListeners.tell(Optional.of(a)));
    if (previous != null) {
      previous.close();
    }
    return next;
  }

  /** Re-added at every start: the custom node's address (its ENR) changes from run to run. */
  private void addDevnetCustomServers(NetworkSession devnetSession) {
    for (Devnet.CustomServer custom : devnet.customServers()) {
      if (!custom.service().equals("mailserver")) {
        continue; // the devnet user added it for mail only
      }
      devnetSession
          .client(ServiceId.of(custom.service()))
          .ifPresent(
              client -> {
                try {
                  client.addCustom(custom.enr(), "devnet custom server");
                } catch (InvalidRecordException e) {
                  throw new IllegalStateException(
                      "The devnet's custom server record is refused", e);
                }
              });
    }
  }

  private NodeKey consoleNodeKey() {
    return NodeKey.loadOrCreate(config.dataDir().resolve("console-node.key"), new SecureRandom());
  }

  /**
   * Loopback when every bootnode is on loopback (the devnet, a test network), else every interface,
   * the address peers see then coming from their answers.
   */
  private static String discoveryHost(NetworkProfile profile) {
    boolean loopback =
        profile.bootnodes().stream()
            .allMatch(
                b -> {
                  try {
                    return NodeRecords.parse(b)
                        .udp()
                        .map(a -> a.getAddress().isLoopbackAddress())
                        .orElse(false);
                  } catch (InvalidRecordException | RuntimeException e) {
                    return false;
                  }
                });
    return loopback ? "127.0.0.3" : "0.0.0.0";
  }

  private volatile boolean devnetGone;

  private void connectionFailed(String profileName, Exception e) {
    connection.failed(session == null ? profileName : session.profile().name(), profileName, e);
  }

  public Connection connection() {
    return connection.now();
  }

  /** Tells {@code listener} where the console stands now and at every change. */
  public AutoCloseable onConnection(Consumer<Connection> listener) {
    return connection.onChange(listener);
  }

  /** The current session's discovery as screens read it; empty while none runs. */
  public Optional<ConsoleDiscovery> discovery() {
    return session().flatMap(this::discoveryOf);
  }

  /** Tells {@code listener} about the current session's discovery now and after every switch. */
  public AutoCloseable onDiscovery(Consumer<ConsoleDiscovery> listener) {
    return sessionListeners.add(s -> discoveryOf(s).ifPresent(listener), session());
  }

  private Optional<ConsoleDiscovery> discoveryOf(NetworkSession s) {
    if (s.discovery().isEmpty()) {
      return Optional.empty();
    }
    Optional<io.waypost.core.devnet.DevnetDiscovery> network =
        s.profile().isDevnet() && devnet != null ? devnet.discovery() : Optional.empty();
    return Optional.of(new ConsoleDiscovery(s, policy, network));
  }

  /** The current session's client for a service, by name. */
  public Optional<ServiceClient> client(String service) {
    return session().flatMap(s -> s.client(ServiceId.of(service)));
  }

  /** The user's trust policy, across every network (its rows are keyed by registry). */
  public TrustPolicy policy() {
    return policy;
  }

  public Optional<NetworkSession> session() {
    return Optional.ofNullable(session);
  }

  public Optional<Devnet> devnet() {
    return Optional.ofNullable(devnet);
  }

  /** The Safe that holds the devnet's registry, when the devnet was started Safe-owned. */
  public Optional<DevnetSafe> devnetSafe() {
    return Optional.ofNullable(devnetSafe);
  }

  /** Tells {@code listener} about the current session, now if there is one and on every change. */
  public AutoCloseable onSession(Consumer<NetworkSession> listener) {
    return sessionListeners.add(listener, session());
  }

  // ------------------------------------------------------------------ accounts

  /** Devnet accounts first (when the devnet runs), then keystores. */
  public List<AccountOption> accounts() {
    List<AccountOption> options = new ArrayList<>();
    if (devnet != null) {
      // Their roles are the devnet's: on another network they are just development keys.
      boolean onDevnet = session().map(s -> s.profile().isDevnet()).orElse(true);
      List<Devnet.DevAccount> devAccounts =
          devnetSafe != null ? devnetSafe.accounts() : Devnet.accounts();
      for (int i = 0; i < devAccounts.size(); i++) {
        Devnet.DevAccount account = devAccounts.get(i);
        options.add(
            new AccountOption(
                onDevnet ? account.role() : "Devnet key #" + i,
                account.address(),
                Optional.of(account.credentials())));
      }
    }
    for (Keystores.Keystore keystore : keystores.list()) {
      options.add(
          new AccountOption(
              "Keystore",
              keystore.address(),
              Optional.ofNullable(unlocked.get(keystore.address()))));
    }
    return options;
  }

  /** Unlocks a keystore for this session; the password is used and forgotten. */
  public AccountOption unlock(Address address, String password) {
    Keystores.Keystore keystore =
        keystores.list().stream()
            .filter(k -> k.address().equals(address))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("There is no keystore for " + address));
    Credentials credentials = keystores.unlock(keystore, password);
    unlocked.put(address, credentials);
    return new AccountOption("Keystore", address, Optional.of(credentials));
  }

  public void selectAccount(AccountOption option) {
    if (!option.unlocked()) {
      throw new IllegalArgumentException(
          "Unlock the keystore of " + option.address() + " in Settings first");
    }
    active.set(option);
    accountListeners.tell(Optional.of(option));
  }

  public Optional<AccountOption> activeAccount() {
    return Optional.ofNullable(active.get());
  }

  public AutoCloseable onAccount(Consumer<Optional<AccountOption>> listener) {
    return accountListeners.add(listener, Optional.of(activeAccount()));
  }

  // ------------------------------------------------------------------ plumbing

  /**
   * A chain connection outside any session, for one task (a deployment): the caller closes it.
   * Blocking (it checks the chain id): call it off the FX thread.
   */
  public io.waypost.core.chain.ChainConnection openChain(
      io.waypost.core.chain.RpcEndpoint rpc, long chainId) {
    return io.waypost.core.chain.ChainConnection.open(
        rpc,
        chainId,
        database,
        clock,
        io.waypost.core.chain.JournalReceiptProcessor.Polling.network(),
        java.time.Duration.ofSeconds(15));
  }

  public Keystores keystores() {
    return keystores;
  }

  public NetworkProfiles profiles() {
    return profiles;
  }

  public Settings settings() {
    return settings;
  }

  /** Where node lists are looked up: the configured DNS server, else the system's resolvers. */
  public io.waypost.core.discovery.dns.TxtResolver dnsResolver() {
    return io.waypost.core.discovery.dns.DnsTxtResolver.create(
        config.dnsServer(), java.time.Duration.ofSeconds(5));
  }

  public Path dataDir() {
    return config.dataDir();
  }

  public ExecutorService work() {
    return work;
  }

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  public Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    if (devnet != null) {
      devnet.close();
    }
    scheduler.shutdownNow();
    work.shutdownNow();
    database.close();
  }
}
