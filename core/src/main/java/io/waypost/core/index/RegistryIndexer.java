package io.waypost.core.index;

import io.waypost.core.chain.ChainUnreachableException;
import io.waypost.core.model.Address;
import io.waypost.core.store.Database;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Rebuilds the registry's state and audit trail from its logs into the store, then follows new
 * blocks. Pages of eth_getLogs adapt to what the endpoint allows; each page commits atomically with
 * the cursor; a changed block hash at the cursor means a reorganisation, which is rolled back to
 * the last common block and replayed. While the endpoint is down the state is Stale, the store
 * keeps serving, and indexing resumes by itself.
 */
public final class RegistryIndexer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryIndexer.class);

  /** Tuning: confirmation depth, how often to poll, and the eth_getLogs page sizes. */
  public record Options(
      int confirmations, Duration pollInterval, long initialPageBlocks, long maxPageBlocks) {
    public static Options devnet() {
      return new Options(0, Duration.ofMillis(250), 5_000, 100_000);
    }

    public static Options network() {
      return new Options(2, Duration.ofSeconds(4), 2_000, 50_000);
    }
  }

  /** What an indexer run changed. */
  public record Update(List<IndexedEvent> events, boolean reorganised, long block) {}

  /** Told about every committed page and every state change. */
  public interface Listener {
    void onUpdate(Update update);

    default void onState(IndexerState state) {}
  }

  private final Web3j web3j;
  private final String endpoint;
  private final Address registry;
  private final long deploymentBlock;
  private final IndexStore store;
  private final RegistryView view;
  private final Options options;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final EventDecoder decoder = new EventDecoder();
  private final BlockHeaders headers;
  private final LogPager pager;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong rpcCalls = new AtomicLong();
  private final AtomicLong version = new AtomicLong();
  private volatile IndexerState state = new IndexerState.Starting();
  private volatile Instant lastSynced;
  private volatile Instant notBefore = Instant.MIN;
  private ScheduledFuture<?> polling;

  public RegistryIndexer(
      Web3j web3j,
      String endpoint,
      Address registry,
      String registryKey,
      long deploymentBlock,
      Database database,
      Options options,
      ScheduledExecutorService scheduler,
      Clock clock) {
    this.web3j = web3j;
    this.endpoint = endpoint;
    this.registry = registry;
    this.deploymentBlock = deploymentBlock;
    this.store = new IndexStore(database, registryKey, clock);
    this.view = new RegistryView(database, registryKey);
    this.options = options;
    this.scheduler = scheduler;
    this.clock = clock;
    this.headers = new BlockHeaders(web3j, rpcCalls);
    this.pager = new LogPager(options.initialPageBlocks(), options.maxPageBlocks());
    // A run started while the endpoint is down serves what an earlier run indexed: its age counts
    // from when that run last found the index current.
    this.lastSynced = store.cursor().map(IndexStore.Cursor::updatedAt).orElse(clock.instant());
    this.lastConfirmedInStore = lastSynced;
  }

  /** How often a quiet chain's index notes in the store that it is still current. */
  static final Duration CONFIRM_CURRENT_EVERY = Duration.ofSeconds(10);

  private Instant lastConfirmedInStore;

  public RegistryView view() {
    return view;
  }

  /** The block the index starts from: the registry's deployment block. */
  public long deploymentBlock() {
    return deploymentBlock;
  }

  public IndexerState state() {
    return state;
  }

  /** Grows whenever the indexed state changes (a page committed, a reorganisation rolled back). */
  public long version() {
    return version.get();
  }

  /** JSON-RPC requests made so far (a batch counts once). */
  public long rpcCalls() {
    return rpcCalls.get();
  }

  public AutoCloseable addListener(Listener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Polls in the background from now on. */
  public synchronized void start() {
    if (polling == null) {
      polling =
          scheduler.scheduleWithFixedDelay(
              this::pollQuietly, 0, options.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void pollQuietly() {
    if (clock.instant().isBefore(notBefore)) {
      return; // the endpoint asked us to wait (429)
    }
    try {
      syncOnce();
    } catch (RuntimeException e) {
      LOG.warn("Indexing {} failed: {}", registry, e.getMessage());
    }
  }

  /**
   * Indexes up to the chain's head (less the confirmation depth) now.
   *
   * @return the number of events indexed; 0 when the endpoint is unreachable (state Stale)
   */
  public synchronized int syncOnce() {
    try {
      int indexed = catchUp();
      lastSynced = clock.instant();
      if (indexed == 0
          && lastSynced.isAfter(lastConfirmedInStore.plus(CONFIRM_CURRENT_EVERY))
          && store.cursor().isPresent()) {
        store.confirmedCurrent(lastSynced);
        lastConfirmedInStore = lastSynced;
      }
      return indexed;
    } catch (io.waypost.core.chain.RateLimitedException limited) {
      // Not an outage and not a refused range: what was committed stays, the state too; the next
      // poll waits as long as the endpoint asked.
      notBefore = clock.instant().plus(limited.retryAfter());
      LOG.info("Indexing {} paused: {}", registry, limited.getMessage());
      return 0;
    } catch (IOException | ChainUnreachableException e) {
      OptionalLong block =
          store.cursor().map(c -> OptionalLong.of(c.blockNumber())).orElse(OptionalLong.empty());
      String reason =
          e instanceof StaleHeadException
              ? e.getMessage()
              : new ChainUnreachableException(endpoint, e).getMessage();
      setState(new IndexerState.Stale(block, lastSynced, reason));
      return 0;
    }
  }

  private int catchUp() throws IOException {
    rpcCalls.incrementAndGet();
    long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    long target = head - options.confirmations();
    Optional<IndexStore.Cursor> cursor = store.cursor();
    if (cursor.isPresent() && head < cursor.get().blockNumber()) {
      // An endpoint behind what was indexed (a lagging replica, a stale cache) proves nothing
      // about the blocks after its head: keep them, and say the index cannot be confirmed.
      throw new StaleHeadException(
          "The endpoint "
              + endpoint
              + " is behind: its head (block "
              + head
              + ") is behind the indexed block "
              + cursor.get().blockNumber()
              + " (a lagging replica or cache)");
    }
    if (cursor.isPresent()) {
      cursor = checkForReorganisation(cursor.get());
    }
    long from = cursor.map(c -> c.blockNumber() + 1).orElse(deploymentBlock);
    long start = from;
    int indexed = 0;
    while (from <= target) {
      long to = Math.min(target, from + pager.size() - 1);
      List<Log> logs;
      try {
        logs = logs(from, to);
      } catch (RangeRefusedException refused) {
        if (!pager.refused()) {
          throw new IOException(
              "The endpoint refuses even a one-block log query: " + refused.getMessage());
        }
        continue;
      }
      pager.succeeded();
      indexed += commit(logs, from, to);
      setState(new IndexerState.Syncing(start, to, target));
      from = to + 1;
    }
    setState(new IndexerState.Synced(Math.max(target, from - 1), clock.instant()));
    return indexed;
  }

  private int commit(List<Log> logs, long from, long to) throws IOException {
    List<Long> blocks = new ArrayList<>();
    logs.forEach(log -> blocks.add(log.getBlockNumber().longValueExact()));
    blocks.add(to);
    var known = headers.fetch(blocks);
    List<IndexedEvent> events = new ArrayList<>();
    java.util.Map<Long, String> hashes = new java.util.HashMap<>();
    for (Log log : logs) {
      long number = log.getBlockNumber().longValueExact();
      BlockHeaders.Header header = known.get(number);
      if (!header.hash().equalsIgnoreCase(log.getBlockHash())) {
        // The chain changed between the two requests: try this page again next poll.
        throw new IOException("The chain reorganised while block " + number + " was being read");
      }
      decoder.decode(log, header.timestamp()).ifPresent(events::add);
      hashes.put(number, header.hash());
    }
    store.commitPage(events, hashes, to, known.get(to).hash());
    if (!events.isEmpty()) {
      version.incrementAndGet();
    }
    Update update = new Update(List.copyOf(events), false, to);
    if (!events.isEmpty()) {
      listeners.forEach(l -> l.onUpdate(update));
    }
    return events.size();
  }

  private Optional<IndexStore.Cursor> checkForReorganisation(IndexStore.Cursor cursor)
      throws IOException {
    BlockHeaders.Header current = headers.one(cursor.blockNumber());
    if (current != null && current.hash().equalsIgnoreCase(cursor.blockHash())) {
      return Optional.of(cursor);
    }
    long ancestor = deploymentBlock - 1;
    String ancestorHash = "";
    for (long number : store.rememberedBlocks()) {
      if (number >= cursor.blockNumber()) {
        continue;
      }
      BlockHeaders.Header chain = headers.one(number);
      String stored = store.hashAt(number).orElse("");
      if (chain != null && chain.hash().equalsIgnoreCase(stored)) {
        ancestor = number;
        ancestorHash = stored;
        break;
      }
    }
    LOG.info(
        "Registry {}: block {} was reorganised away; rolling back to block {}",
        registry,
        cursor.blockNumber(),
        ancestor);
    store.rollbackTo(ancestor, ancestorHash);
    version.incrementAndGet();
    Update update = new Update(List.of(), true, ancestor);
    listeners.forEach(l -> l.onUpdate(update));
    return ancestor < deploymentBlock
        ? Optional.empty()
        : Optional.of(new IndexStore.Cursor(ancestor, ancestorHash, clock.instant()));
  }

  private List<Log> logs(long from, long to) throws IOException {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
            registry.value());
    rpcCalls.incrementAndGet();
    EthLog answer = web3j.ethGetLogs(filter).send();
    if (answer.hasError()) {
      String message = answer.getError().getMessage();
      if (LogPager.isRangeRefusal(message)) {
        throw new RangeRefusedException(message);
      }
      throw new IOException("eth_getLogs failed: " + message);
    }
    List<Log> logs = new ArrayList<>();
    for (EthLog.LogResult<?> result : answer.getLogs()) {
      logs.add((Log) result.get());
    }
    return logs;
  }

  private void setState(IndexerState next) {
    state = next;
    listeners.forEach(l -> l.onState(next));
  }

  @Override
  public synchronized void close() {
    if (polling != null) {
      polling.cancel(false);
      polling = null;
    }
  }

  private static final class StaleHeadException extends IOException {
    private static final long serialVersionUID = 1L;

    StaleHeadException(String message) {
      super(message);
    }
  }

  private static final class RangeRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    RangeRefusedException(String message) {
      super(message);
    }
  }
}
