package io.waypost.core.chain;

import io.waypost.core.model.Address;
import io.waypost.core.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every transaction Waypost sends, in SQLite. An entry is written when the transaction is signed,
 * before it is broadcast, so that a crash at any point leaves a record to resume from.
 */
public final class TransactionJournal {

  private final Database database;
  private final Clock clock;
  private final List<Consumer<JournalEntry>> listeners = new CopyOnWriteArrayList<>();

  public TransactionJournal(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Tells {@code listener} about every new entry and state change. */
  public AutoCloseable subscribe(Consumer<JournalEntry> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void recordSigned(
      String hash,
      long chainId,
      Address sender,
      Optional<Address> recipient,
      long nonce,
      String function,
      String summary,
      String raw) {
    long now = clock.millis();
    database.write(
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO tx_journal (hash, chain_id, sender, recipient, nonce, function,"
                      + " summary, raw, state, created_at, updated_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      // The same signed bytes again (a fresh devnet repeats its seeding exactly):
                      // the same transaction, sent anew.
                      + " ON CONFLICT (hash) DO UPDATE SET state = excluded.state, error = NULL,"
                      + " block_number = NULL, updated_at = excluded.updated_at")) {
            insert.setString(1, hash);
            insert.setLong(2, chainId);
            insert.setString(3, sender.value());
            insert.setString(4, recipient.map(Address::value).orElse(null));
            insert.setLong(5, nonce);
            insert.setString(6, function);
            insert.setString(7, summary);
            insert.setString(8, raw);
            insert.setString(9, TxState.SIGNED.name());
            insert.setLong(10, now);
            insert.setLong(11, now);
            insert.executeUpdate();
          }
          return null;
        });
    notifyChanged(hash);
  }

  void update(String hash, TxState state, Optional<String> error, OptionalLong blockNumber) {
    database.write(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE tx_journal SET state = ?, error = ?, block_number = ?, updated_at = ?"
                      + " WHERE hash = ?")) {
            update.setString(1, state.name());
            update.setString(2, error.orElse(null));
            if (blockNumber.isPresent()) {
              update.setLong(3, blockNumber.getAsLong());
            } else {
              update.setNull(3, Types.INTEGER);
            }
            update.setLong(4, clock.millis());
            update.setString(5, hash);
            update.executeUpdate();
          }
          return null;
        });
    notifyChanged(hash);
  }

  public Optional<JournalEntry> find(String hash) {
    List<JournalEntry> found = query("SELECT * FROM tx_journal WHERE hash = ?", hash);
    return found.stream().findFirst();
  }

  /** Transactions not yet known to be mined, dropped or refused: to be watched again at start. */
  public List<JournalEntry> unfinished() {
    return query(
        "SELECT * FROM tx_journal WHERE state IN ('SIGNED', 'PENDING') ORDER BY created_at");
  }

  /**
   * Marks {@link TxState#DROPPED}, with {@code why}, the unfinished transactions of {@code chainId}
   * journalled before {@code before}: for a chain known to be gone (a devnet starts empty, so what
   * an earlier one left pending can never be mined, and re-sending it would take a nonce the new
   * chain's seeding needs).
   *
   * @return how many were marked
   */
  public int abandonUnfinished(long chainId, Instant before, String why) {
    List<JournalEntry> gone =
        unfinished().stream()
            .filter(e -> e.chainId() == chainId && e.createdAt().isBefore(before))
            .toList();
    for (JournalEntry entry : gone) {
      update(entry.hash(), TxState.DROPPED, Optional.of(why), OptionalLong.empty());
    }
    return gone.size();
  }

  /** The newest {@code limit} entries, newest first. */
  public List<JournalEntry> recent(int limit) {
    return query("SELECT * FROM tx_journal ORDER BY created_at DESC, nonce DESC LIMIT " + limit);
  }

  /** The newest {@code limit} entries sent to one chain, newest first (a screen of a network). */
  public List<JournalEntry> recent(long chainId, int limit) {
    return query(
        "SELECT * FROM tx_journal WHERE chain_id = ? ORDER BY created_at DESC, nonce DESC LIMIT "
            + limit,
        Long.toString(chainId));
  }

  /** The signed transaction, for re-broadcasting one the node lost. */
  Optional<String> raw(String hash) {
    return database.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT raw FROM tx_journal WHERE hash = ?")) {
            select.setString(1, hash);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  private List<JournalEntry> query(String sql, String... args) {
    return database.read(
        c -> {
          try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              select.setString(i + 1, args[i]);
            }
            List<JournalEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                entries.add(read(rows));
              }
            }
            return entries;
          }
        });
  }

  private static JournalEntry read(ResultSet row) throws SQLException {
    long block = row.getLong("block_number");
    OptionalLong blockNumber = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(block);
    String recipient = row.getString("recipient");
    return new JournalEntry(
        row.getString("hash"),
        row.getLong("chain_id"),
        new Address(row.getString("sender")),
        Optional.ofNullable(recipient).map(Address::new),
        row.getLong("nonce"),
        row.getString("function"),
        row.getString("summary"),
        TxState.valueOf(row.getString("state")),
        Optional.ofNullable(row.getString("error")),
        blockNumber,
        Instant.ofEpochMilli(row.getLong("created_at")),
        Instant.ofEpochMilli(row.getLong("updated_at")));
  }

  private void notifyChanged(String hash) {
    if (listeners.isEmpty()) {
      return;
    }
    find(hash).ifPresent(entry -> listeners.forEach(listener -> listener.accept(entry)));
  }
}
