package io.waypost.core.network;

import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.discovery.dns.EnrTreeException;
import io.waypost.core.discovery.dns.EnrTreeUrl;
import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.model.Address;
import io.waypost.core.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * User-defined network profiles in the store. The devnet profile is not stored: it is made anew.
 */
public final class NetworkProfiles {

  private final Database database;
  private final Clock clock;

  public NetworkProfiles(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public List<NetworkProfile> list() {
    return database.read(
        c -> {
          List<NetworkProfile> profiles = new ArrayList<>();
          try (ResultSet rows =
              c.createStatement().executeQuery("SELECT * FROM network_profile ORDER BY name")) {
            while (rows.next()) {
              profiles.add(read(rows));
            }
          }
          return profiles;
        });
  }

  public Optional<NetworkProfile> find(String name) {
    return list().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Adds or replaces a profile. The devnet's name is reserved. */
  public void save(NetworkProfile profile) {
    if (profile.isDevnet()) {
      throw new IllegalArgumentException(
          "'" + NetworkProfile.DEVNET + "' is the embedded devnet's name; choose another");
    }
    long now = clock.millis();
    database.write(
        c -> {
          try (PreparedStatement upsert =
              c.prepareStatement(
                  "INSERT INTO network_profile (name, rpc_url, chain_id, registry_address,"
                      + " deployment_block, trusted_providers, bootnodes, created_at, updated_at,"
                      + " fallback_rpc_urls, confirmations, enr_trees, capability_map)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT(name) DO UPDATE SET"
                      + " rpc_url = excluded.rpc_url, chain_id = excluded.chain_id,"
                      + " registry_address = excluded.registry_address,"
                      + " deployment_block = excluded.deployment_block,"
                      + " trusted_providers = excluded.trusted_providers,"
                      + " bootnodes = excluded.bootnodes, updated_at = excluded.updated_at,"
                      + " fallback_rpc_urls = excluded.fallback_rpc_urls,"
                      + " confirmations = excluded.confirmations,"
                      + " enr_trees = excluded.enr_trees,"
                      + " capability_map = excluded.capability_map")) {
            upsert.setString(1, profile.name());
            upsert.setString(2, profile.rpc().url());
            upsert.setLong(3, profile.chainId());
            upsert.setString(4, profile.registry().value());
            upsert.setLong(5, profile.deploymentBlock());
            upsert.setString(
                6,
                String.join(",", profile.trustedProviders().stream().map(Address::value).toList()));
            upsert.setString(7, String.join("\n", profile.bootnodes()));
            upsert.setLong(8, now);
            upsert.setLong(9, now);
            upsert.setString(
                10,
                String.join("\n", profile.fallbackRpcs().stream().map(RpcEndpoint::url).toList()));
            if (profile.confirmations().isPresent()) {
              upsert.setInt(11, profile.confirmations().getAsInt());
            } else {
              upsert.setNull(11, java.sql.Types.INTEGER);
            }
            upsert.setString(
                12,
                String.join("\n", profile.enrTrees().stream().map(EnrTreeUrl::toString).toList()));
            upsert.setString(13, profile.capabilities().toString());
            upsert.executeUpdate();
          }
          return null;
        });
  }

  public boolean delete(String name) {
    return database.write(
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM network_profile WHERE name = ?")) {
            delete.setString(1, name);
            return delete.executeUpdate() > 0;
          }
        });
  }

  private static NetworkProfile read(ResultSet row) throws SQLException {
    try {
      return readRow(row);
    } catch (EnrTreeException e) {
      throw new IllegalStateException(
          "The stored profile '" + row.getString("name") + "' is damaged: " + e.getMessage(), e);
    }
  }

  private static NetworkProfile readRow(ResultSet row) throws SQLException, EnrTreeException {
    String trusted = row.getString("trusted_providers");
    String bootnodes = row.getString("bootnodes");
    String fallbacks = row.getString("fallback_rpc_urls");
    int confirmations = row.getInt("confirmations");
    boolean depthSet = !row.wasNull();
    List<EnrTreeUrl> trees = new ArrayList<>();
    for (String tree : row.getString("enr_trees").split("\n")) {
      if (!tree.isBlank()) {
        trees.add(EnrTreeUrl.parse(tree));
      }
    }
    return new NetworkProfile(
        row.getString("name"),
        RpcEndpoint.parse(row.getString("rpc_url")),
        row.getLong("chain_id"),
        Address.of(row.getString("registry_address")),
        row.getLong("deployment_block"),
        trusted.isBlank() ? List.of() : Arrays.stream(trusted.split(",")).map(Address::of).toList(),
        bootnodes.isBlank() ? List.of() : List.of(bootnodes.split("\n")),
        fallbacks.isBlank()
            ? List.of()
            : Arrays.stream(fallbacks.split("\n")).map(RpcEndpoint::parse).toList(),
        depthSet ? java.util.OptionalInt.of(confirmations) : java.util.OptionalInt.empty(),
        trees,
        CapabilityMap.parse(row.getString("capability_map")));
  }
}
