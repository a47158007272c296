package io.waypost.core.discovery.topic;

import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * The ENR entry by which a node says it answers TopDisc over TALKREQ. The spec's own {@code ng}
 * entry promises the native message types 0x07-0x0A, which this transport does not speak, so a
 * separate key avoids misleading native implementations: key {@value #KEY}, value the version byte
 * 0x01.
 */
public final class TopDiscCapability {

  public static final String KEY = "wptd";
  public static final Bytes VERSION_1 = Bytes.of(1);

  private TopDiscCapability() {}

  public static boolean isRegistrar(NodeRecord record) {
    return record.get(KEY) instanceof Bytes b && b.equals(VERSION_1);
  }
}
