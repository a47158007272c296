package io.waypost.core.index;

import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.model.ServiceId;
import io.waypost.core.registry.ProviderUpdate;
import io.waypost.core.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry as last indexed, read from the store: providers, nodes, curators, services and the
 * audit trail. Reads never touch the chain, so they work (and say how old they are) while the
 * endpoint is down.
 */
public final class RegistryView {

  /** A provider as indexed; {@code statusReason} is the curator's reason for the last decision. */
  public record IndexedProvider(
      Address address,
      ProviderStatus status,
      String name,
      String metadataUri,
      Optional<String> statusReason,
      Instant appliedAt,
      Instant updatedAt) {}

  /** A (node, service) registration as indexed. */
  public record IndexedNode(NodeId nodeId, ServiceId serviceId, Address provider, long block) {}

  private final Database database;
  private final String registry;

  public RegistryView(Database database, String registry) {
    this.database = database;
    this.registry = registry;
  }

  /** Providers in order of first application, as the contract lists them. */
  public List<IndexedProvider> providers() {
    return database.read(
        c -> {
          List<IndexedProvider> out = new ArrayList<>();
          try (PreparedStatement select =
              c.prepareStatement("SELECT * FROM provider WHERE registry = ? ORDER BY rowid")) {
            select.setString(1, registry);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                out.add(provider(rows));
              }
            }
          }
          return out;
        });
  }

  public Optional<IndexedProvider> provider(Address address) {
    return providers().stream().filter(p -> p.address().equals(address)).findFirst();
  }

  public List<IndexedNode> nodes() {
    return database.read(
        c -> {
          List<IndexedNode> out = new ArrayList<>();
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT * FROM node WHERE registry = ? ORDER BY provider, node_id, service_id")) {
            select.setString(1, registry);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                out.add(
                    new IndexedNode(
                        NodeId.fromHex(rows.getString("node_id")),
                        ServiceId.fromHex(rows.getString("service_id")),
                        Address.of(rows.getString("provider")),
                        rows.getLong("block_number")));
              }
            }
          }
          return out;
        });
  }

  public List<Address> curators() {
    return addresses("SELECT address FROM curator WHERE registry = ? ORDER BY address");
  }

  public Optional<Address> owner() {
    return addresses("SELECT owner FROM registry_owner WHERE registry = ?").stream().findFirst();
  }

  /** Service ids with their names. */
  public Map<ServiceId, String> services() {
    return database.read(
        c -> {
          Map<ServiceId, String> out = new java.util.LinkedHashMap<>();
          try (PreparedStatement select =
              c.prepareStatement("SELECT service_id, name FROM service WHERE registry = ?")) {
            select.setString(1, registry);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                out.put(ServiceId.fromHex(rows.getString(1)), rows.getString(2));
              }
            }
          }
          return out;
        });
  }

  /**
   * Metadata updates providers proposed and no curator has accepted or declined yet, by provider,
   * folded from the audit trail: a proposal stands until it is accepted, declined or replaced, or
   * the provider re-applies, withdraws or is rejected.
   */
  public Map<Address, ProviderUpdate> pendingUpdates() {
    return database.read(
        c -> {
          Map<Address, ProviderUpdate> out = new java.util.LinkedHashMap<>();
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT * FROM registry_event WHERE registry = ? AND event IN"
                      + " ('ProviderUpdateProposed', 'ProviderUpdateAccepted',"
                      + " 'ProviderUpdateDeclined', 'ProviderApplied', 'ProviderWithdrawn',"
                      + " 'ProviderRejected') ORDER BY block_number, log_index")) {
            select.setString(1, registry);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                IndexedEvent e = event(rows);
                Address provider = Address.of(e.subject().orElseThrow());
                if (e.name().equals("ProviderUpdateProposed")) {
                  out.put(
                      provider,
                      new ProviderUpdate(
                          provider, e.detail("name"), e.detail("metadataURI"), e.timestamp()));
                } else {
                  out.remove(provider);
                }
              }
            }
          }
          return out;
        });
  }

  /** How many providers stand in each status. */
  public Map<ProviderStatus, Integer> providerCounts() {
    Map<ProviderStatus, Integer> counts = new EnumMap<>(ProviderStatus.class);
    for (IndexedProvider provider : providers()) {
      counts.merge(provider.status(), 1, Integer::sum);
    }
    return counts;
  }

  /** The audit trail, newest first. */
  public List<IndexedEvent> auditTrail(int limit) {
    return newestEvents("", List.of(), limit);
  }

  /**
   * A node's history, newest first: the events that name the node, and those about its provider
   * that name no node (applied, approved, suspended, …). Served by indexes on node and subject.
   */
  public List<IndexedEvent> nodeHistory(NodeId node, Optional<Address> provider, int limit) {
    return newestEvents(
        " AND (node_id = ? OR (node_id IS NULL AND subject = ?))",
        Arrays.asList(node.toString(), provider.map(Address::toString).orElse(null)),
        limit);
  }

  /**
   * This registry's events that also meet {@code condition} (with its text values), newest first.
   */
  private List<IndexedEvent> newestEvents(String condition, List<String> values, int limit) {
    return database.read(
        c -> {
          List<IndexedEvent> out = new ArrayList<>();
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT * FROM registry_event WHERE registry = ?"
                      + condition
                      + " ORDER BY block_number DESC, log_index DESC LIMIT ?")) {
            int at = 1;
            select.setString(at++, registry);
            for (String value : values) {
              select.setString(at++, value);
            }
            select.setInt(at, limit);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                out.add(event(rows));
              }
            }
          }
          return out;
        });
  }

  /** The last block indexed (by this or an earlier run), if anything was indexed at all. */
  public java.util.OptionalLong indexedBlock() {
    return database.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT block_number FROM index_cursor WHERE registry = ?")) {
            select.setString(1, registry);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next()
                  ? java.util.OptionalLong.of(rows.getLong(1))
                  : java.util.OptionalLong.empty();
            }
          }
        });
  }

  public int eventCount() {
    return database.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT COUNT(*) FROM registry_event WHERE registry = ?")) {
            select.setString(1, registry);
            try (ResultSet rows = select.executeQuery()) {
              rows.next();
              return rows.getInt(1);
            }
          }
        });
  }

  static IndexedEvent event(ResultSet row) throws SQLException {
    return new IndexedEvent(
        row.getLong("block_number"),
        row.getInt("log_index"),
        row.getString("block_hash"),
        row.getString("tx_hash"),
        Instant.ofEpochSecond(row.getLong("timestamp")),
        row.getString("event"),
        Optional.ofNullable(row.getString("actor")),
        Optional.ofNullable(row.getString("subject")),
        Optional.ofNullable(row.getString("node_id")),
        Optional.ofNullable(row.getString("service_id")),
        StateProjector.details(row.getString("detail")));
  }

  private static IndexedProvider provider(ResultSet row) throws SQLException {
    return new IndexedProvider(
        Address.of(row.getString("address")),
        ProviderStatus.fromCode(row.getInt("status")),
        row.getString("name"),
        row.getString("metadata_uri"),
        Optional.ofNullable(row.getString("status_reason")),
        Instant.ofEpochSecond(row.getLong("applied_at")),
        Instant.ofEpochSecond(row.getLong("updated_at")));
  }

  private List<Address> addresses(String sql) {
    return database.read(
        c -> {
          List<Address> out = new ArrayList<>();
          try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, registry);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                out.add(Address.of(rows.getString(1)));
              }
            }
          }
          return out;
        });
  }
}
