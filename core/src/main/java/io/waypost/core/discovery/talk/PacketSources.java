package io.waypost.core.discovery.talk;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.ethereum.beacon.discovery.AddressAccessPolicy;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * The address the packet being handled came from, as the socket saw it (not the IP a record
 * claims). Teku's library does not pass it to TALKREQ handlers, but it asks its {@link
 * AddressAccessPolicy} about every incoming packet's sender first (PacketSourceFilter) and then
 * runs the rest of its incoming pipeline, the TALKREQ handler included, synchronously on the same
 * thread. So this policy admits everything and remembers, per thread, the last sender it was asked
 * about; a TALKREQ handler reads it. The library asks about outgoing destinations too, but while a
 * TALKREQ is handled it only sends to that same session's address. {@code PacketSourcesRealUdpTest}
 * holds the library to this.
 */
public final class PacketSources implements AddressAccessPolicy {

  private final ThreadLocal<InetSocketAddress> current = new ThreadLocal<>();

  @Override
  public boolean allow(InetSocketAddress address) {
    current.set(address);
    return true;
  }

  /** Records are not packets: asking about a record's claimed address must not overwrite. */
  @Override
  public boolean allow(NodeRecord record) {
    return true;
  }

  /** A transport other than the library (a simulation) says where the next request came from. */
  public void received(InetSocketAddress from) {
    current.set(from);
  }

  /** The sender of the packet this thread is handling, if a packet is being handled. */
  public Optional<InetSocketAddress> current() {
    return Optional.ofNullable(current.get());
  }
}
