package io.waypost.app.console;

import io.waypost.core.account.Keystores;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.model.Address;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.network.NetworkProfiles;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.store.Database;
import io.waypost.core.store.Settings;
import java.nio.file.Path;
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
 * The console's services, without JavaFX: the store, the embedded devnet, the active network
 * session and the active account. Screens get it injected and subscribe to its changes; it never
 * calls into the UI itself.
 */
public final class ConsoleContext implements AutoCloseable {

  /** Where data lives and whether the devnet keeps its chain. */
  public record Config(Path dataDir, boolean persistDevnet, boolean devnetDiscovery) {
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
  private volatile NetworkSession session;
  private volatile AccountOption active;
  private volatile ConsoleDiscovery discovery;
  private final Listeners<ConsoleDiscovery> discoveryListeners = new Listeners<>();

  public ConsoleContext(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.database = Database.open(config.dataDir().resolve("waypost.db"));
    this.settings = new Settings(database);
    this.keystores =
        new Keystores(config.dataDir().resolve("keystores"), Keystores.Strength.STANDARD);
    this.profiles = new NetworkProfiles(database, clock);
  }

  private volatile CompletableFuture<NetworkSession> devnetStart;

  /** The devnet's start, once {@link #startDevnet()} was called. */
  public CompletableFuture<NetworkSession> startDevnetFuture() {
    return devnetStart == null
        ? CompletableFuture.failedFuture(new IllegalStateException("no devnet"))
        : devnetStart;
  }

  /** Starts the embedded devnet and connects to it. Completes on a worker thread. */
  public CompletableFuture<NetworkSession> startDevnet() {
    devnetStart = startDevnetNow();
    return devnetStart;
  }

  private CompletableFuture<NetworkSession> startDevnetNow() {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            devnet =
                Devnet.start(
                    new Devnet.Options(
                        config.dataDir(),
                        config.persistDevnet(),
                        FoundryToolchain.locate().anvil()),
                    database,
                    work,
                    clock);
          } catch (java.io.IOException e) {
            throw new IllegalStateException(
                "The embedded devnet did not start: " + e.getMessage(), e);
          }
          NetworkSession devnetSession =
              NetworkSession.over(
                  devnet.profile(),
                  devnet.chain(),
                  database,
                  new NetworkSession.Executors(work, scheduler),
                  clock);
          use(devnetSession);
          if (active == null) {
            selectAccount(accounts().get(0));
          }
          if (config.devnetDiscovery()) {
            startDiscovery(devnetSession);
          }
          return devnetSession;
        },
        work);
  }

  /** Connects to a saved profile (checked: chain id, registry code) and makes it current. */
  public CompletableFuture<NetworkSession> connect(NetworkProfile profile) {
    if (profile.isDevnet() && devnet != null) {
      return CompletableFuture.supplyAsync(
          () -> {
            NetworkSession devnetSession =
                NetworkSession.over(
                    devnet.profile(),
                    devnet.chain(),
                    database,
                    new NetworkSession.Executors(work, scheduler),
                    clock);
            use(devnetSession);
            return devnetSession;
          },
          work);
    }
    return CompletableFuture.supplyAsync(
        () -> {
          NetworkSession next =
              NetworkSession.connect(
                  profile, database, new NetworkSession.Executors(work, scheduler), clock);
          use(next);
          return next;
        },
        work);
  }

  private void use(NetworkSession next) {
    NetworkSession previous = session;
    session = next;
    if (previous != null) {
      previous.close();
    }
    sessionListeners.tell(next);
  }

  /** The devnet's discovery network and the console's clients; a failure here is not fatal. */
  private void startDiscovery(NetworkSession devnetSession) {
    try {
      discovery =
          ConsoleDiscovery.onDevnet(
              devnet,
              devnetSession,
              new io.waypost.core.trust.TrustPolicy(database, clock),
              config.dataDir(),
              clock);
      discoveryListeners.tell(discovery);
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(ConsoleContext.class)
          .warn("The devnet's discovery network did not start: {}", e.getMessage());
    }
  }

  public Optional<ConsoleDiscovery> discovery() {
    return Optional.ofNullable(discovery);
  }

  /** Tells {@code listener} about the console's discovery, now if it runs and when it starts. */
  public AutoCloseable onDiscovery(Consumer<ConsoleDiscovery> listener) {
    return discoveryListeners.add(listener, discovery());
  }

  public Optional<NetworkSession> session() {
    return Optional.ofNullable(session);
  }

  public Optional<Devnet> devnet() {
    return Optional.ofNullable(devnet);
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
      for (Devnet.DevAccount account : Devnet.accounts()) {
        options.add(
            new AccountOption(
                account.role(), account.address(), Optional.of(account.credentials())));
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
    active = option;
    accountListeners.tell(Optional.of(option));
  }

  public Optional<AccountOption> activeAccount() {
    return Optional.ofNullable(active);
  }

  public AutoCloseable onAccount(Consumer<Optional<AccountOption>> listener) {
    return accountListeners.add(listener, Optional.of(activeAccount()));
  }

  // ------------------------------------------------------------------ plumbing

  public Keystores keystores() {
    return keystores;
  }

  public NetworkProfiles profiles() {
    return profiles;
  }

  public Settings settings() {
    return settings;
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
    if (discovery != null) {
      discovery.close();
    }
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
