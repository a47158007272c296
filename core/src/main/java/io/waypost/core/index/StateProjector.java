package io.waypost.core.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waypost.core.model.ProviderStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Applies one event to the derived state tables (providers, nodes, curators, services, owner) and
 * records it in the audit trail. The same code replays the trail after a reorganisation, so live
 * indexing and rebuilding can never disagree.
 */
final class StateProjector {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StateProjector() {}

  static void record(Connection c, String registry, IndexedEvent e) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT OR IGNORE INTO registry_event (registry, block_number, log_index, block_hash,"
                + " tx_hash, timestamp, event, actor, subject, node_id, service_id, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, registry);
      insert.setLong(2, e.blockNumber());
      insert.setInt(3, e.logIndex());
      insert.setString(4, e.blockHash());
      insert.setString(5, e.txHash());
      insert.setLong(6, e.timestamp().getEpochSecond());
      insert.setString(7, e.name());
      insert.setString(8, e.actor().orElse(null));
      insert.setString(9, e.subject().orElse(null));
      insert.setString(10, e.nodeId().orElse(null));
      insert.setString(11, e.serviceId().orElse(null));
      insert.setString(12, json(e));
      insert.executeUpdate();
    }
    apply(c, registry, e);
  }

  static void apply(Connection c, String registry, IndexedEvent e) throws SQLException {
    String subject = e.subject().orElse(null);
    long at = e.timestamp().getEpochSecond();
    switch (e.name()) {
      case "OwnershipTransferred" ->
          update(
              c,
              "INSERT INTO registry_owner (registry, owner) VALUES (?, ?)"
                  + " ON CONFLICT(registry) DO UPDATE SET owner = excluded.owner",
              registry,
              subject);
      case "CuratorAdded" ->
          update(
              c,
              "INSERT OR IGNORE INTO curator (registry, address) VALUES (?, ?)",
              registry,
              subject);
      case "CuratorRemoved" ->
          update(c, "DELETE FROM curator WHERE registry = ? AND address = ?", registry, subject);
      case "ServiceAdded" ->
          update(
              c,
              "INSERT OR REPLACE INTO service (registry, service_id, name) VALUES (?, ?, ?)",
              registry,
              e.serviceId().orElseThrow(),
              e.detail("name"));
      case "ProviderApplied" -> {
        try (PreparedStatement upsert =
            c.prepareStatement(
                "INSERT INTO provider (registry, address, status, name, metadata_uri, status_reason,"
                    + " applied_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)"
                    + " ON CONFLICT(registry, address) DO UPDATE SET status = excluded.status,"
                    + " name = excluded.name, metadata_uri = excluded.metadata_uri,"
                    + " status_reason = NULL, applied_at = excluded.applied_at,"
                    + " updated_at = excluded.updated_at")) {
          upsert.setString(1, registry);
          upsert.setString(2, subject);
          upsert.setInt(3, ProviderStatus.PENDING.code());
          upsert.setString(4, e.detail("name"));
          upsert.setString(5, e.detail("metadataURI"));
          upsert.setLong(6, at);
          upsert.setLong(7, at);
          upsert.executeUpdate();
        }
      }
      case "ProviderUpdated" -> {
        try (PreparedStatement update =
            c.prepareStatement(
                "UPDATE provider SET name = ?, metadata_uri = ?, updated_at = ?"
                    + " WHERE registry = ? AND address = ?")) {
          update.setString(1, e.detail("name"));
          update.setString(2, e.detail("metadataURI"));
          update.setLong(3, at);
          update.setString(4, registry);
          update.setString(5, subject);
          update.executeUpdate();
        }
      }
      case "ProviderApproved" -> status(c, registry, subject, ProviderStatus.APPROVED, null, at);
      case "ProviderRejected" -> {
        status(c, registry, subject, ProviderStatus.REJECTED, e.detail("reason"), at);
        voidRegistrations(c, registry, subject);
      }
      case "ProviderSuspended" ->
          status(c, registry, subject, ProviderStatus.SUSPENDED, e.detail("reason"), at);
      case "ProviderReinstated" ->
          status(c, registry, subject, ProviderStatus.APPROVED, e.detail("reason"), at);
      case "ProviderWithdrawn" -> {
        status(c, registry, subject, ProviderStatus.WITHDRAWN, null, at);
        voidRegistrations(c, registry, subject);
      }
      case "NodeRegistered" -> {
        try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT OR REPLACE INTO node (registry, node_id, service_id, provider, block_number)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
          insert.setString(1, registry);
          insert.setString(2, e.nodeId().orElseThrow());
          insert.setString(3, e.serviceId().orElseThrow());
          insert.setString(4, subject);
          insert.setLong(5, e.blockNumber());
          insert.executeUpdate();
        }
      }
      case "NodeRemoved" ->
          update(
              c,
              "DELETE FROM node WHERE registry = ? AND node_id = ? AND service_id = ?",
              registry,
              e.nodeId().orElseThrow(),
              e.serviceId().orElseThrow());
      default -> {
        // Audit trail only: OwnershipTransferStarted changes nothing until it is accepted; a
        // proposed metadata update changes nothing until ProviderUpdated (its acceptance);
        // cancelled proofs and the owner's settings change no indexed state.
      }
    }
  }

  /**
   * A withdrawal or rejection voids every registration the provider holds (the contract bumps its
   * epoch): they no longer verify, move freely to another provider, and are not revived when the
   * provider is approved again.
   */
  private static void voidRegistrations(Connection c, String registry, String provider)
      throws SQLException {
    update(c, "DELETE FROM node WHERE registry = ? AND provider = ?", registry, provider);
  }

  private static void status(
      Connection c, String registry, String provider, ProviderStatus status, String reason, long at)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE provider SET status = ?, status_reason = ?, updated_at = ?"
                + " WHERE registry = ? AND address = ?")) {
      update.setInt(1, status.code());
      update.setString(2, reason);
      update.setLong(3, at);
      update.setString(4, registry);
      update.setString(5, provider);
      update.executeUpdate();
    }
  }

  private static void update(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setString(i + 1, args[i]);
      }
      statement.executeUpdate();
    }
  }

  private static String json(IndexedEvent e) {
    try {
      return JSON.writeValueAsString(e.details());
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  static java.util.Map<String, String> details(String json) {
    try {
      return json == null
          ? java.util.Map.of()
          : JSON.readValue(
              json,
              new com.fasterxml.jackson.core.type.TypeReference<
                  java.util.Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Damaged event details in the store: " + json, e);
    }
  }
}
