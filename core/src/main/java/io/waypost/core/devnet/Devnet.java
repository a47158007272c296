package io.waypost.core.devnet;

import io.waypost.core.chain.ChainConnection;
import io.waypost.core.chain.JournalReceiptProcessor;
import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.model.Address;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.store.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * The embedded devnet: a real anvil, the registry deployed through the generated wrapper and seeded
 * with realistic data (see {@link DevnetSeed}). Used whenever no other network is chosen.
 *
 * <p>By default the chain starts empty every time. With {@code persistState} anvil keeps its state
 * in {@code <dataDir>/devnet/anvil-state.json} and the registry deployed there is reused. Node keys
 * are kept in {@code <dataDir>/devnet/node-keys/} either way, so node ids are stable.
 */
public final class Devnet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Devnet.class);
  public static final long CHAIN_ID = 31337;

  /**
   * How to run the devnet. With {@code discovery} it also runs its discovery network (a real discv5
   * node per service node, and a bootnode that {@link #profile()} names).
   */
  public record Options(
      Path dataDir,
      boolean persistState,
      Path anvilBinary,
      boolean discovery,
      long chainId,
      Optional<Duration> blockTime) {
    /** Chain 31337, a block per transaction, without the discovery network. */
    public Options(Path dataDir, boolean persistState, Path anvilBinary) {
      this(dataDir, persistState, anvilBinary, false, CHAIN_ID, Optional.empty());
    }

    public Options withDiscovery() {
      return new Options(dataDir, persistState, anvilBinary, true, chainId, blockTime);
    }

    /**
     * Another chain like the devnet (a second network for tests): its own chain id, and a block
     * every {@code blockTime} as on a real chain, instead of one per transaction.
     */
    public Options withChain(long id, Duration blockTime) {
      return new Options(dataDir, persistState, anvilBinary, discovery, id, Optional.of(blockTime));
    }

    public Path devnetDir() {
      return dataDir.resolve("devnet");
    }
  }

  private final AnvilNode anvil;
  private final ChainConnection chain;
  private final RegistryClient registry;
  private final List<DevnetNode> nodes;
  private final Optional<DevnetDiscovery> discovery;
  private volatile boolean closing;
  private final long chainId;

  private Devnet(
      AnvilNode anvil,
      ChainConnection chain,
      RegistryClient registry,
      List<DevnetNode> nodes,
      Optional<DevnetDiscovery> discovery,
      long chainId) {
    this.chainId = chainId;
    this.anvil = anvil;
    this.chain = chain;
    this.registry = registry;
    this.nodes = nodes;
    this.discovery = discovery;
  }

  /** Starts anvil, deploys and seeds the registry (or finds it in persisted state). */
  public static Devnet start(Options options, Database database, Executor executor, Clock clock)
      throws IOException {
    AnvilNode.Options anvilOptions =
        AnvilNode.Options.defaults(options.anvilBinary()).withChainId(options.chainId());
    if (options.blockTime().isPresent()) {
      anvilOptions = anvilOptions.withBlockTime(options.blockTime().get());
    }
    Path stateFile = options.devnetDir().resolve("anvil-state.json");
    if (options.persistState()) {
      java.nio.file.Files.createDirectories(options.devnetDir());
      anvilOptions = anvilOptions.withStateFile(stateFile);
    }
    java.time.Instant startedAt = clock.instant();
    AnvilNode anvil = AnvilNode.start(anvilOptions);
    try {
      ChainConnection chain =
          ChainConnection.open(
              RpcEndpoint.parse(anvil.rpcUrl()),
              options.chainId(),
              database,
              clock,
              JournalReceiptProcessor.Polling.devnet(),
              Duration.ofSeconds(5));
      resumeJournal(chain, options, startedAt, executor);
      DevnetSeed seed = new DevnetSeed(chain, options.devnetDir(), executor);
      Optional<Address> existing =
          options.persistState() ? seed.existingRegistry() : Optional.empty();
      RegistryClient registry;
      List<DevnetNode> nodes;
      if (existing.isPresent()) {
        registry = RegistryClient.connect(chain, existing.get(), executor);
        nodes = seed.nodes(registry.address());
        LOG.info("devnet: reusing the registry at {} from saved state", registry.address());
      } else {
        registry = seed.deployAndSeed();
        nodes = seed.nodes(registry.address());
      }
      Optional<DevnetDiscovery> discovery =
          options.discovery() ? Optional.of(DevnetDiscovery.start(nodes, clock)) : Optional.empty();
      return new Devnet(anvil, chain, registry, nodes, discovery, options.chainId());
    } catch (RuntimeException | IOException e) {
      anvil.close();
      throw e;
    }
  }

  /**
   * Settles what an earlier devnet left unfinished in the journal (a kill -9 mid-seeding leaves
   * transactions SIGNED or PENDING) before anything is sent: a fresh chain cannot mine them, so
   * they are marked dropped; a persisted chain gets them re-sent and watched to their end.
   */
  private static void resumeJournal(
      ChainConnection chain, Options options, java.time.Instant startedAt, Executor executor) {
    if (!options.persistState()) {
      int gone =
          chain
              .journal()
              .abandonUnfinished(
                  options.chainId(),
                  startedAt,
                  "sent to an earlier devnet chain, which is gone (a devnet starts empty;"
                      + " --persist-devnet keeps its chain)");
      if (gone > 0) {
        LOG.info(
            "devnet: {} transaction(s) an earlier devnet left unfinished marked dropped", gone);
      }
      return;
    }
    try {
      io.waypost.core.chain.PendingTransactions.of(chain)
          .resume(executor)
          .get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("devnet: unfinished transactions not all settled: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public ChainConnection chain() {
    return chain;
  }

  public RegistryClient registry() {
    return registry;
  }

  public List<DevnetNode> nodes() {
    return nodes;
  }

  /** The devnet's discovery network, when it was started with one. */
  public Optional<DevnetDiscovery> discovery() {
    return discovery;
  }

  /**
   * The custom servers a devnet user has added by hand: the custom node's record per service, to
   * add to the user's policy at each start (its address changes from run to run).
   */
  public List<CustomServer> customServers() {
    if (discovery.isEmpty()) {
      return List.of();
    }
    return nodes.stream()
        .filter(n -> n.role() == DevnetNode.Role.CUSTOM)
        .flatMap(
            n ->
                n.services().stream()
                    .map(
                        s -> new CustomServer(s, discovery.get().nodes().get(n.name()).localEnr())))
        .toList();
  }

  /** A custom server of the devnet: a service's name and the node's ENR. */
  public record CustomServer(String service, String enr) {}

  /**
   * Completes if anvil dies while the devnet runs (not when {@link #close()} stops it), with what
   * anvil said last: the devnet is then unusable and its user must be told.
   */
  public java.util.concurrent.CompletableFuture<String> anvilDied() {
    return anvil
        .onExit()
        .thenCompose(
            p ->
                closing
                    ? new java.util.concurrent.CompletableFuture<String>()
                    : java.util.concurrent.CompletableFuture.completedFuture(
                        "anvil (pid " + p.pid() + ") exited with code " + p.exitValue()));
  }

  public long anvilPid() {
    return anvil.pid();
  }

  /** The network profile that points at this devnet. */
  public NetworkProfile profile() {
    return new NetworkProfile(
        NetworkProfile.DEVNET,
        RpcEndpoint.parse(anvil.rpcUrl()),
        chainId,
        registry.address(),
        0,
        // Status, and Nimbus Relay awaiting approval: approving it shows its nodes turn trusted.
        List.of(DevnetSeed.statusAccount(), Address.of(DevAccounts.account(2).getAddress())),
        discovery.map(d -> List.of(d.bootnodeEnr())).orElse(List.of()));
  }

  /** The devnet's accounts by role, for the console's account picker. */
  public static List<DevAccount> accounts() {
    return DevnetSeed.accounts();
  }

  /** A devnet account and the role it plays in the seeded data. */
  public record DevAccount(String role, Credentials credentials) {
    public Address address() {
      return Address.of(credentials.getAddress());
    }
  }

  @Override
  public void close() {
    closing = true;
    discovery.ifPresent(DevnetDiscovery::close);
    chain.close();
    anvil.close();
  }
}
