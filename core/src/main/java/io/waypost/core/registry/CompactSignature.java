package io.waypost.core.registry;

import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * An EIP-2098 compact signature: r, and s with the recovery bit (v - 27) in its top bit. The
 * registry takes proofs in this form so its calldata is fixed-size words only.
 */
public record CompactSignature(Bytes32 r, Bytes32 vs) {

  public CompactSignature {
    Objects.requireNonNull(r, "r");
    Objects.requireNonNull(vs, "vs");
  }

  /** Converts a 65-byte r || s || v signature (v in {27, 28} or {0, 1}). */
  public static CompactSignature fromRsv(Bytes signature) {
    if (signature.size() != 65) {
      throw new IllegalArgumentException(
          "A signature has 65 bytes (r || s || v), got " + signature.size());
    }
    int v = signature.get(64) & 0xff;
    int recoveryBit =
        switch (v) {
          case 0, 27 -> 0;
          case 1, 28 -> 1;
          default -> throw new IllegalArgumentException("Signature v must be 27 or 28, got " + v);
        };
    Bytes32 s = Bytes32.wrap(signature.slice(32, 32));
    if ((s.get(0) & 0x80) != 0) {
      throw new IllegalArgumentException("Signature s is in the upper half of the curve order");
    }
    byte[] vs = s.toArray();
    vs[0] |= (byte) (recoveryBit << 7);
    return new CompactSignature(Bytes32.wrap(signature.slice(0, 32)), Bytes32.wrap(vs));
  }
}
