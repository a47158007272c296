package io.waypost.core.discovery.sim;

import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.enr.ServiceEntry;
import io.waypost.core.discovery.talk.PacketSources;
import io.waypost.core.discovery.talk.TalkDispatcher;
import io.waypost.core.discovery.topic.Advertiser;
import io.waypost.core.discovery.topic.Registrar;
import io.waypost.core.discovery.topic.TopDiscCapability;
import io.waypost.core.model.ServiceId;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordBuilder;

/**
 * One simulated node: a real key and signed record, the production talk dispatcher (with the
 * production {@code Registrar}, or an attacker's handler), its advertisers, and a routing table.
 * {@code address} is where its packets really come from; its record may claim another IP.
 */
public final class SimNode {

  final int index;
  final NodeKey key;
  final InetSocketAddress address;
  final boolean sybil;
  final int region;
  final int lastMileMillis;
  final PacketSources packetSources = new PacketSources();
  final Map<ServiceId, Advertiser> advertisers = new LinkedHashMap<>();
  final SimTransport transport;
  NodeRecord record;
  TalkDispatcher talk;

  /** The production registrar behind {@link #talk}; null for an attacker. */
  Registrar registrar;

  List<SimNode> table = List.of();
  boolean online = true;
  private final BigInteger idNumber;

  SimNode(
      int index,
      NodeKey key,
      InetSocketAddress address,
      String claimedIp,
      Set<ServiceId> services,
      boolean sybil,
      int region,
      int lastMileMillis,
      SimNetwork network) {
    this.index = index;
    this.key = key;
    this.address = address;
    this.sybil = sybil;
    this.region = region;
    this.lastMileMillis = lastMileMillis;
    NodeRecordBuilder builder =
        new NodeRecordBuilder()
            .signer(key.signer())
            .seq(1)
            .address(claimedIp, address.getPort())
            .customField(TopDiscCapability.KEY, TopDiscCapability.VERSION_1);
    if (!services.isEmpty()) {
      builder.customField(ServiceEntry.KEY, ServiceEntry.encode(services));
    }
    this.record = builder.build();
    this.idNumber = new BigInteger(1, record.getNodeId().toArrayUnsafe());
    this.transport = new SimTransport(this, network);
  }

  BigInteger idNumber() {
    return idNumber;
  }

  Bytes nodeId() {
    return record.getNodeId();
  }

  /** What the production classes get as the routing table's live nodes. */
  Stream<NodeRecord> knownNodes() {
    List<NodeRecord> records = new ArrayList<>(table.size());
    for (SimNode n : table) {
      records.add(n.record);
    }
    return records.stream();
  }
}
