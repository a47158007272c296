package io.waypost.core.trust;

import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The user's trust policy, in the store: which providers they trust (until they choose, the
 * profile's defaults — Status), the servers they added by hand, and pins.
 */
public final class TrustPolicy {

  /** A server the user added: usable without registry approval, always shown as custom. */
  public record CustomServer(
      ServiceId service, NodeId nodeId, String record, String label, Instant addedAt) {}

  private final Database database;
  private final Clock clock;

  public TrustPolicy(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** The providers this user trusts on the profile's registry. */
  public Set<Address> trustedProviders(NetworkProfile profile) {
    return database.read(
        c -> {
          try (PreparedStatement chosen =
              c.prepareStatement("SELECT 1 FROM trust_choice WHERE registry = ?")) {
            chosen.setString(1, profile.registryKey());
            try (ResultSet row = chosen.executeQuery()) {
              if (!row.next()) {
                return Set.copyOf(profile.trustedProviders());
              }
            }
          }
          Set<Address> trusted = new LinkedHashSet<>();
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT address FROM trusted_provider WHERE registry = ? ORDER BY address")) {
            select.setString(1, profile.registryKey());
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                trusted.add(Address.of(rows.getString(1)));
              }
            }
          }
          return Set.copyOf(trusted);
        });
  }

  /** Replaces the trusted providers of the profile's registry with {@code providers}. */
  public void trustProviders(NetworkProfile profile, Set<Address> providers) {
    database.write(
        c -> {
          try (PreparedStatement clear =
              c.prepareStatement("DELETE FROM trusted_provider WHERE registry = ?")) {
            clear.setString(1, profile.registryKey());
            clear.executeUpdate();
          }
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO trusted_provider (registry, address) VALUES (?, ?)")) {
            for (Address provider : providers) {
              insert.setString(1, profile.registryKey());
              insert.setString(2, provider.value());
              insert.addBatch();
            }
            insert.executeBatch();
          }
          try (PreparedStatement chosen =
              c.prepareStatement(
                  "INSERT INTO trust_choice (registry, chosen_at) VALUES (?, ?)"
                      + " ON CONFLICT(registry) DO UPDATE SET chosen_at = excluded.chosen_at")) {
            chosen.setString(1, profile.registryKey());
            chosen.setLong(2, clock.millis());
            chosen.executeUpdate();
          }
          return null;
        });
  }

  public void addCustomServer(CustomServer server) {
    database.write(
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO custom_server (service_id, node_id, record, label, added_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, server.service().toString());
            insert.setString(2, server.nodeId().toString());
            insert.setString(3, server.record());
            insert.setString(4, server.label());
            insert.setLong(5, server.addedAt().toEpochMilli());
            insert.executeUpdate();
          }
          return null;
        });
  }

  public boolean removeCustomServer(ServiceId service, NodeId node) {
    return database.write(
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement(
                  "DELETE FROM custom_server WHERE service_id = ? AND node_id = ?")) {
            delete.setString(1, service.toString());
            delete.setString(2, node.toString());
            return delete.executeUpdate() > 0;
          }
        });
  }

  public List<CustomServer> customServers(ServiceId service) {
    return database.read(
        c -> {
          List<CustomServer> servers = new ArrayList<>();
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT * FROM custom_server WHERE service_id = ? ORDER BY added_at")) {
            select.setString(1, service.toString());
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                servers.add(
                    new CustomServer(
                        service,
                        NodeId.fromHex(rows.getString("node_id")),
                        rows.getString("record"),
                        rows.getString("label"),
                        Instant.ofEpochMilli(rows.getLong("added_at"))));
              }
            }
          }
          return servers;
        });
  }

  public void pin(ServiceId service, Optional<NodeId> node) {
    database.write(
        c -> {
          try (PreparedStatement statement =
              node.isPresent()
                  ? c.prepareStatement(
                      "INSERT OR REPLACE INTO pinned_server (service_id, node_id) VALUES (?, ?)")
                  : c.prepareStatement("DELETE FROM pinned_server WHERE service_id = ?")) {
            statement.setString(1, service.toString());
            if (node.isPresent()) {
              statement.setString(2, node.get().toString());
            }
            statement.executeUpdate();
          }
          return null;
        });
  }

  public Optional<NodeId> pinned(ServiceId service) {
    return database.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT node_id FROM pinned_server WHERE service_id = ?")) {
            select.setString(1, service.toString());
            try (ResultSet row = select.executeQuery()) {
              return row.next()
                  ? Optional.of(NodeId.fromHex(row.getString(1)))
                  : Optional.<NodeId>empty();
            }
          }
        });
  }
}
