package io.waypost.core.discovery.peers;

import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Known service peers in SQLite (table {@code discovery_peer}, migration V2), so that a restarted
 * node starts with the peers it last saw rather than an empty list.
 */
public final class PeerCache {

  /** A cached peer: enough to contact it again and to say how it was found. */
  public record Entry(
      ServiceId service, NodeId nodeId, String enr, PeerSource source, Instant lastSeen) {}

  private final Database database;

  public PeerCache(Database database) {
    this.database = database;
  }

  public void save(ServicePeer peer) {
    database.write(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO discovery_peer (service_id, node_id, enr, source, last_seen,"
                      + " rtt_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (service_id, node_id) DO"
                      + " UPDATE SET enr = excluded.enr, source = excluded.source, last_seen ="
                      + " excluded.last_seen, rtt_ms = excluded.rtt_ms")) {
            s.setString(1, peer.service().toString());
            s.setString(2, peer.nodeId().toString());
            s.setString(3, peer.enr());
            s.setString(4, peer.source().name());
            s.setLong(5, peer.lastSeen().toEpochMilli());
            if (peer.rtt().isPresent()) {
              s.setLong(6, peer.rtt().get().toMillis());
            } else {
              s.setNull(6, java.sql.Types.INTEGER);
            }
            return s.executeUpdate();
          }
        });
  }

  public void remove(ServiceId service, NodeId nodeId) {
    database.write(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM discovery_peer WHERE service_id = ? AND node_id = ?")) {
            s.setString(1, service.toString());
            s.setString(2, nodeId.toString());
            return s.executeUpdate();
          }
        });
  }

  /** Peers of a service seen at or after {@code since}, most recent first. */
  public List<Entry> load(ServiceId service, Instant since) {
    return database.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT node_id, enr, source, last_seen FROM discovery_peer WHERE service_id = ?"
                      + " AND last_seen >= ? ORDER BY last_seen DESC")) {
            s.setString(1, service.toString());
            s.setLong(2, since.toEpochMilli());
            List<Entry> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(
                    new Entry(
                        service,
                        NodeId.fromHex(r.getString(1)),
                        r.getString(2),
                        PeerSource.valueOf(r.getString(3)),
                        Instant.ofEpochMilli(r.getLong(4))));
              }
            }
            return out;
          }
        });
  }
}
