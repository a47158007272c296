package io.waypost.core.discovery;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.network.NettyDiscoveryServer;
import org.ethereum.beacon.discovery.network.NettyDiscoveryServerImpl;
import org.ethereum.beacon.discovery.packet.HandshakeMessagePacket;
import org.ethereum.beacon.discovery.packet.OrdinaryMessagePacket;
import org.ethereum.beacon.discovery.packet.Packet;
import org.ethereum.beacon.discovery.packet.RawPacket;
import org.ethereum.beacon.discovery.pipeline.Envelope;
import org.ethereum.beacon.discovery.pipeline.Field;
import org.ethereum.beacon.discovery.pipeline.handler.IncomingDataPacker;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Bounds the sessions strangers can make Teku's discovery library hold. The library keeps a
 * session, about 1.5 KB, for every (source node id, source address) pair a valid packet names, and
 * keeps it 180 s after the pair's last packet; it has no limit and no setting for one, so a flood
 * of valid packets with made-up source ids grows its memory by the flood's rate × 180 s.
 *
 * <p>This gate sits where the library's UDP server hands packets to its pipeline. It reads the
 * source id from each message and handshake packet's header (unmasked with this node's id, as the
 * library does) and tracks the pairs it let through, each for as long as the library keeps their
 * session. A pair it already holds, or WHOAREYOU (which creates no session), passes. A new pair
 * passes while fewer than {@link SessionLimits#maxPerIp()} pairs come from its IP and fewer than
 * {@link SessionLimits#maxPending()} pairs are held; otherwise the packet is dropped as if lost,
 * and the stranger's client retries. Addresses this node sent a request or answer to (any packet
 * but a WHOAREYOU, which strangers get) are peers it chose or that finished a handshake, so their
 * packets pass past both limits up to twice the total. Packets the library cannot decode pass on to
 * it unchanged: it drops them and keeps nothing.
 */
final class SessionGate implements NettyDiscoveryServer {

  /** Sizes of the bounds; the lifetime is the library's own session lifetime. */
  record SessionLimits(int maxPending, int maxPerIp, long lifetimeMillis) {

    /** 10,000 pairs (about 15 MB of sessions) and 256 per IP, for the library's 180 s. */
    static SessionLimits defaults() {
      return new SessionLimits(10_000, 256, 180_000);
    }

    SessionLimits {
      if (maxPending < 1 || maxPerIp < 1 || lifetimeMillis < 1) {
        throw new IllegalArgumentException("session limits must be positive");
      }
    }
  }

  /** A WHOAREYOU packet is exactly this long (masking IV, static header, 24 bytes of authdata). */
  private static final int WHOAREYOU_SIZE = 63;

  private static final int MIN_PACKET = IncomingDataPacker.MIN_PACKET_SIZE;
  private static final int MAX_PACKET = IncomingDataPacker.MAX_PACKET_SIZE;

  private final NettyDiscoveryServer server;
  private final Bytes homeNodeId;
  private final SessionLimits limits;
  private final Clock clock;
  private final LinkedHashMap<Pair, Long> held = new LinkedHashMap<>(64, 0.75f, true);
  private final Map<InetAddress, Integer> heldPerIp = new HashMap<>();
  private final LinkedHashMap<InetSocketAddress, Long> contacted =
      new LinkedHashMap<>(64, 0.75f, true);
  private long refused;

  SessionGate(
      InetSocketAddress listen,
      int trafficReadLimit,
      Bytes homeNodeId,
      SessionLimits limits,
      Clock clock) {
    this.server = new NettyDiscoveryServerImpl(listen, trafficReadLimit);
    this.homeNodeId = homeNodeId;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<NioDatagramChannel> start() {
    return server
        .start()
        .thenApply(
            channel -> {
              channel.pipeline().addLast("waypost-sent", new SentRecorder());
              return channel;
            });
  }

  @Override
  public void stop() {
    server.stop();
  }

  @Override
  public InetSocketAddress getListenAddress() {
    return server.getListenAddress();
  }

  @Override
  public Publisher<Envelope> getIncomingPackets() {
    return Flux.from(server.getIncomingPackets()).filter(this::admit);
  }

  /** Pairs held now (strangers' and peers'); the library holds no more sessions made by packets. */
  synchronized int held() {
    expire(clock.millis());
    return held.size();
  }

  /** Packets dropped because their pair would have passed a limit. */
  synchronized long refused() {
    return refused;
  }

  private boolean admit(Envelope envelope) {
    InetSocketAddress from = envelope.get(Field.REMOTE_SENDER);
    if (!(envelope.get(Field.INCOMING) instanceof Bytes data) || from == null) {
      return true;
    }
    Optional<Bytes> source = sourceId(data);
    return source.isEmpty() || admit(new Pair(source.get(), from));
  }

  private synchronized boolean admit(Pair pair) {
    long now = clock.millis();
    expire(now);
    if (held.containsKey(pair)) {
      held.put(pair, now);
      return true;
    }
    InetAddress ip = pair.address().getAddress();
    boolean peer = contacted.containsKey(pair.address());
    boolean withinLimits =
        held.size() < limits.maxPending() && heldPerIp.getOrDefault(ip, 0) < limits.maxPerIp();
    if (withinLimits || (peer && held.size() < 2 * limits.maxPending())) {
      held.put(pair, now);
      heldPerIp.merge(ip, 1, Integer::sum);
      return true;
    }
    refused++;
    return false;
  }

  private void expire(long now) {
    long oldest = now - limits.lifetimeMillis();
    for (Iterator<Map.Entry<Pair, Long>> it = held.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Pair, Long> entry = it.next();
      if (entry.getValue() > oldest) {
        break;
      }
      it.remove();
      heldPerIp.computeIfPresent(
          entry.getKey().address().getAddress(), (ip, n) -> n == 1 ? null : n - 1);
    }
    for (Iterator<Long> it = contacted.values().iterator(); it.hasNext(); ) {
      if (it.next() > oldest) {
        break;
      }
      it.remove();
    }
  }

  private synchronized void sent(InetSocketAddress to) {
    contacted.put(to, clock.millis());
    if (contacted.size() > 2 * limits.maxPending()) {
      contacted.remove(contacted.keySet().iterator().next());
    }
  }

  /** The source node id of a message or handshake packet; empty for anything else. */
  private Optional<Bytes> sourceId(Bytes data) {
    if (data.size() < MIN_PACKET || data.size() > MAX_PACKET) {
      return Optional.empty(); // the library drops these before it looks for a session
    }
    try {
      Packet<?> packet = RawPacket.decode(data).demaskPacket(homeNodeId);
      if (packet instanceof OrdinaryMessagePacket message) {
        return Optional.of(message.getHeader().getAuthData().getSourceNodeId());
      }
      if (packet instanceof HandshakeMessagePacket handshake) {
        return Optional.of(handshake.getHeader().getAuthData().getSourceNodeId());
      }
      return Optional.empty();
    } catch (RuntimeException e) { // DecodeException included: the library drops the packet
      return Optional.empty();
    }
  }

  private record Pair(Bytes sourceId, InetSocketAddress address) {}

  /** Notes where this node sends anything but a WHOAREYOU: those addresses are its peers. */
  private final class SentRecorder extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise)
        throws Exception {
      if (message instanceof DatagramPacket packet
          && packet.content().readableBytes() != WHOAREYOU_SIZE) {
        sent(packet.recipient());
      }
      super.write(context, message, promise);
    }
  }
}
