package io.waypost.core.discovery.waku;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;

/**
 * The entries a Waku node (nwaku, js-waku, go-waku) puts in its ENR, decoded (spec 31/WAKU2-ENR and
 * 51/WAKU2-RELAY-SHARDING): {@code waku2} capability bits, relay shards in the index-list form
 * {@code rs} or the bit-vector form {@code rsv}, and {@code multiaddrs} (addresses the ip/tcp
 * entries cannot carry, such as {@code /dns4/…/tcp/443/wss}).
 *
 * @param problems why an entry that is present could not be decoded (never fatal: the record's
 *     signature is what makes it valid; a malformed Waku entry only means nothing is read from it)
 */
public record WakuFields(
    Optional<Set<Capability>> capabilities,
    Optional<RelayShards> shards,
    List<String> multiaddrs,
    List<String> problems) {

  public static final String WAKU2 = "waku2";
  public static final String RS = "rs";
  public static final String RSV = "rsv";
  public static final String MULTIADDRS = "multiaddrs";

  /** The {@code waku2} bits, least significant first (31/WAKU2-ENR). */
  public enum Capability {
    RELAY(0),
    STORE(1),
    FILTER(2),
    LIGHTPUSH(3),
    SYNC(4);

    private final int bit;

    Capability(int bit) {
      this.bit = bit;
    }

    public int bit() {
      return bit;
    }

    /** The name used in capability mappings and output, e.g. {@code store}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A cluster's relay shards, with the form the record used ({@code rs} or {@code rsv}). */
  public record RelayShards(int cluster, List<Integer> shards, String form) {
    public RelayShards {
      shards = List.copyOf(shards);
    }

    @Override
    public String toString() {
      return "cluster " + cluster + " shards " + shards + " (" + form + ")";
    }
  }

  public WakuFields {
    multiaddrs = List.copyOf(multiaddrs);
    problems = List.copyOf(problems);
  }

  /** Whether the record has any Waku entry at all. */
  public boolean isWaku() {
    return capabilities.isPresent() || shards.isPresent() || !multiaddrs.isEmpty();
  }

  public boolean has(Capability capability) {
    return capabilities.map(c -> c.contains(capability)).orElse(false);
  }

  /** Reads the Waku entries of a record's raw fields (as {@code NodeAddress.fields()}). */
  public static WakuFields of(Map<String, Bytes> fields) {
    List<String> problems = new ArrayList<>();
    Optional<Set<Capability>> capabilities = Optional.empty();
    Bytes waku2 = fields.get(WAKU2);
    if (waku2 != null) {
      if (waku2.size() == 1) {
        capabilities = Optional.of(capabilities(waku2.get(0) & 0xff));
      } else {
        problems.add("waku2 is " + waku2.size() + " bytes, expected 1");
      }
    }
    Optional<RelayShards> shards = Optional.empty();
    try {
      if (fields.containsKey(RS)) {
        shards = Optional.of(indexList(fields.get(RS)));
      } else if (fields.containsKey(RSV)) {
        shards = Optional.of(bitVector(fields.get(RSV)));
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    List<String> addresses = List.of();
    Bytes multiaddrs = fields.get(MULTIADDRS);
    if (multiaddrs != null) {
      try {
        addresses = multiaddrs(multiaddrs);
      } catch (IllegalArgumentException e) {
        problems.add("multiaddrs: " + e.getMessage());
      }
    }
    return new WakuFields(capabilities, shards, addresses, problems);
  }

  /** The capabilities a {@code waku2} byte sets; bits 5 to 7 are reserved and ignored. */
  public static Set<Capability> capabilities(int bits) {
    Set<Capability> set = EnumSet.noneOf(Capability.class);
    for (Capability c : Capability.values()) {
      if ((bits & (1 << c.bit())) != 0) {
        set.add(c);
      }
    }
    return set;
  }

  /** {@code rs}: cluster (uint16 BE), count (uint8), then count shard indices (uint16 BE). */
  static RelayShards indexList(Bytes value) {
    if (value.size() < 3) {
      throw new IllegalArgumentException("rs is " + value.size() + " bytes, at least 3 expected");
    }
    int count = value.get(2) & 0xff;
    if (value.size() != 3 + 2 * count) {
      throw new IllegalArgumentException(
          "rs announces " + count + " shards in " + value.size() + " bytes");
    }
    List<Integer> shards = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      shards.add(uint16(value, 3 + 2 * i));
    }
    return new RelayShards(uint16(value, 0), shards, RS);
  }

  /** {@code rsv}: cluster (uint16 BE), then a 1024-bit vector, shard 0 the first byte's MSB. */
  static RelayShards bitVector(Bytes value) {
    if (value.size() != 130) {
      throw new IllegalArgumentException("rsv is " + value.size() + " bytes, expected 130");
    }
    List<Integer> shards = new ArrayList<>();
    for (int shard = 0; shard < 1024; shard++) {
      if ((value.get(2 + shard / 8) & (0x80 >>> (shard % 8))) != 0) {
        shards.add(shard);
      }
    }
    return new RelayShards(uint16(value, 0), shards, RSV);
  }

  /** {@code multiaddrs}: each address's binary form prefixed by its length (uint16 BE). */
  static List<String> multiaddrs(Bytes value) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < value.size()) {
      if (i + 2 > value.size()) {
        throw new IllegalArgumentException("truncated length at byte " + i);
      }
      int length = uint16(value, i);
      i += 2;
      if (i + length > value.size()) {
        throw new IllegalArgumentException("an address of " + length + " bytes overruns the entry");
      }
      out.add(Multiaddr.toText(value.slice(i, length)));
      i += length;
    }
    return out;
  }

  private static int uint16(Bytes value, int offset) {
    return ((value.get(offset) & 0xff) << 8) | (value.get(offset + 1) & 0xff);
  }
}
