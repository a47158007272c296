package io.waypost.core.index;

import io.waypost.core.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The index's writes. A page of events, the hashes of the blocks it covered and the new cursor are
 * committed in one transaction: after a crash at any point the store holds whole pages only and
 * indexing resumes after the last one.
 */
final class IndexStore {

  /** How many recent block hashes to keep for finding where a reorganisation forked. */
  static final int REMEMBERED_BLOCKS = 1024;

  /** Where the index stands: the last block fully indexed. */
  record Cursor(long blockNumber, String blockHash, Instant updatedAt) {}

  private final Database database;
  private final String registry;
  private final Clock clock;

  IndexStore(Database database, String registry, Clock clock) {
    this.database = database;
    this.registry = registry;
    this.clock = clock;
  }

  Optional<Cursor> cursor() {
    return database.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT block_number, block_hash, updated_at FROM index_cursor WHERE registry = ?")) {
            select.setString(1, registry);
            try (ResultSet row = select.executeQuery()) {
              return row.next()
                  ? Optional.of(
                      new Cursor(
                          row.getLong(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3))))
                  : Optional.<Cursor>empty();
            }
          }
        });
  }

  Optional<String> hashAt(long blockNumber) {
    return database.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT block_hash FROM indexed_block WHERE registry = ? AND block_number = ?")) {
            select.setString(1, registry);
            select.setLong(2, blockNumber);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  /** Remembered block numbers, newest first, for walking back to a common ancestor. */
  List<Long> rememberedBlocks() {
    return database.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT block_number FROM indexed_block WHERE registry = ?"
                      + " ORDER BY block_number DESC")) {
            select.setString(1, registry);
            List<Long> numbers = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                numbers.add(rows.getLong(1));
              }
            }
            return numbers;
          }
        });
  }

  /**
   * Records that the index was found current at {@code at} without a new page (a quiet chain), so
   * that a later run started while the endpoint is down knows how old what it serves is.
   */
  void confirmedCurrent(java.time.Instant at) {
    database.write(
        c -> {
          try (PreparedStatement touch =
              c.prepareStatement("UPDATE index_cursor SET updated_at = ? WHERE registry = ?")) {
            touch.setLong(1, at.toEpochMilli());
            touch.setString(2, registry);
            touch.executeUpdate();
          }
          return null;
        });
  }

  /** Commits one page: its events (applied to the state), its block hashes, the new cursor. */
  void commitPage(
      List<IndexedEvent> events, Map<Long, String> blockHashes, long to, String toHash) {
    database.write(
        c -> {
          for (IndexedEvent event : events) {
            StateProjector.record(c, registry, event);
          }
          try (PreparedStatement remember =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO indexed_block (registry, block_number, block_hash)"
                      + " VALUES (?, ?, ?)")) {
            for (Map.Entry<Long, String> block : blockHashes.entrySet()) {
              remember.setString(1, registry);
              remember.setLong(2, block.getKey());
              remember.setString(3, block.getValue());
              remember.addBatch();
            }
            remember.setString(1, registry);
            remember.setLong(2, to);
            remember.setString(3, toHash);
            remember.addBatch();
            remember.executeBatch();
          }
          try (PreparedStatement forget =
              c.prepareStatement(
                  "DELETE FROM indexed_block WHERE registry = ? AND block_number < ?")) {
            forget.setString(1, registry);
            forget.setLong(2, to - REMEMBERED_BLOCKS);
            forget.executeUpdate();
          }
          setCursor(c, to, toHash);
          return null;
        });
  }

  /**
   * Undoes everything after {@code ancestor}: its events go, and the state is rebuilt from the
   * events that remain.
   */
  void rollbackTo(long ancestor, String ancestorHash) {
    database.write(
        c -> {
          delete(c, "DELETE FROM registry_event WHERE registry = ? AND block_number > ?", ancestor);
          delete(c, "DELETE FROM indexed_block WHERE registry = ? AND block_number > ?", ancestor);
          rebuildState(c);
          setCursor(c, ancestor, ancestorHash);
          return null;
        });
  }

  private void rebuildState(Connection c) throws SQLException {
    for (String table : List.of("provider", "node", "curator", "service", "registry_owner")) {
      try (PreparedStatement clear =
          c.prepareStatement("DELETE FROM " + table + " WHERE registry = ?")) {
        clear.setString(1, registry);
        clear.executeUpdate();
      }
    }
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT * FROM registry_event WHERE registry = ? ORDER BY block_number, log_index")) {
      select.setString(1, registry);
      try (ResultSet rows = select.executeQuery()) {
        List<IndexedEvent> events = new ArrayList<>();
        while (rows.next()) {
          events.add(RegistryView.event(rows));
        }
        for (IndexedEvent event : events) {
          StateProjector.apply(c, registry, event);
        }
      }
    }
  }

  private void setCursor(Connection c, long block, String hash) throws SQLException {
    try (PreparedStatement cursor =
        c.prepareStatement(
            "INSERT INTO index_cursor (registry, block_number, block_hash, updated_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT(registry) DO UPDATE SET"
                + " block_number = excluded.block_number, block_hash = excluded.block_hash,"
                + " updated_at = excluded.updated_at")) {
      cursor.setString(1, registry);
      cursor.setLong(2, block);
      cursor.setString(3, hash);
      cursor.setLong(4, clock.millis());
      cursor.executeUpdate();
    }
  }

  private void delete(Connection c, String sql, long after) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement(sql)) {
      delete.setString(1, registry);
      delete.setLong(2, after);
      delete.executeUpdate();
    }
  }
}
