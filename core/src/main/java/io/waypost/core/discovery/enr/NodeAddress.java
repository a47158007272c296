package io.waypost.core.discovery.enr;

import io.waypost.core.model.NodeId;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * A validated node: either a signed ENR ({@code record} present) or an enode URL, which carries no
 * signature and no sequence number.
 *
 * @param publicKey the 64-byte uncompressed public key x || y
 * @param fields the ENR's entries as raw bytes (keys sorted), empty for an enode
 */
public record NodeAddress(
    NodeId nodeId,
    Bytes publicKey,
    long seq,
    Optional<InetSocketAddress> udp,
    Optional<InetSocketAddress> tcp,
    Map<String, Bytes> fields,
    Optional<NodeRecord> record,
    String text) {

  public NodeAddress {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(publicKey, "publicKey");
    fields = Map.copyOf(fields);
  }

  public boolean isEnr() {
    return record.isPresent();
  }
}
