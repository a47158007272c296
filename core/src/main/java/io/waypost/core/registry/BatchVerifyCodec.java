package io.waypost.core.registry;

import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.model.ServiceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * ABI encoding of {@code verifyBatch(bytes32[],bytes32)} and decoding of its three arrays, written
 * out by hand: web3j's generic decoder spends most of a 1,000-node batch's time in reflection,
 * while the layout here is fixed (head offsets, then length-prefixed arrays of 32-byte words).
 */
final class BatchVerifyCodec {

  /** keccak256("verifyBatch(bytes32[],bytes32)")[0..4]. */
  static final Bytes SELECTOR =
      Bytes.wrap(
              org.web3j.crypto.Hash.sha3(
                  "verifyBatch(bytes32[],bytes32)"
                      .getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
          .slice(0, 4);

  private BatchVerifyCodec() {}

  static String encode(List<NodeId> nodes, ServiceId service) {
    List<Bytes> words = new ArrayList<>(nodes.size() + 4);
    words.add(SELECTOR);
    words.add(word(64)); // offset of the array: after the two head words
    words.add(service.value());
    words.add(word(nodes.size()));
    nodes.forEach(n -> words.add(n.value()));
    return Bytes.concatenate(words.toArray(Bytes[]::new)).toHexString();
  }

  static List<Verification> decode(String hex, List<NodeId> nodes, ServiceId service) {
    Bytes data = Bytes.fromHexString(hex);
    int n = nodes.size();
    int trusted = offset(data, 0);
    int providers = offset(data, 1);
    int statuses = offset(data, 2);
    if (length(data, trusted) != n || length(data, providers) != n || length(data, statuses) != n) {
      throw new IllegalStateException(
          "verifyBatch answered " + length(data, trusted) + " results for " + n + " nodes");
    }
    List<Verification> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean isTrusted = element(data, trusted, i).get(31) != 0;
      Address provider = Address.of(element(data, providers, i).slice(12).toHexString());
      ProviderStatus status = ProviderStatus.fromCode(element(data, statuses, i).get(31) & 0xff);
      out.add(
          new Verification(
              nodes.get(i),
              service,
              isTrusted,
              provider.isZero() ? Optional.empty() : Optional.of(provider),
              status));
    }
    return out;
  }

  private static Bytes word(long value) {
    return Bytes32.leftPad(Bytes.ofUnsignedLong(value));
  }

  private static int offset(Bytes data, int headIndex) {
    return data.slice(headIndex * 32, 32).toUnsignedBigInteger().intValueExact();
  }

  private static int length(Bytes data, int arrayOffset) {
    return data.slice(arrayOffset, 32).toUnsignedBigInteger().intValueExact();
  }

  private static Bytes element(Bytes data, int arrayOffset, int index) {
    return data.slice(arrayOffset + 32 + index * 32, 32);
  }
}
