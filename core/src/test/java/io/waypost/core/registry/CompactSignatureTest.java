package io.waypost.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class CompactSignatureTest {

  private static final Bytes32 R = Bytes32.fromHexString("0x" + "11".repeat(32));
  private static final Bytes32 S = Bytes32.fromHexString("0x" + "22".repeat(32));

  @Test
  void recoveryBitGoesIntoTheTopBitOfS() {
    assertEquals(S, CompactSignature.fromRsv(rsv(27)).vs());
    assertEquals(S, CompactSignature.fromRsv(rsv(0)).vs());
    Bytes32 withBit = CompactSignature.fromRsv(rsv(28)).vs();
    assertEquals((byte) 0xa2, withBit.get(0));
    assertEquals(S.slice(1), withBit.slice(1));
    assertEquals(R, CompactSignature.fromRsv(rsv(1)).r());
  }

  @Test
  void refusesMalformedSignatures() {
    assertThrows(
        IllegalArgumentException.class, () -> CompactSignature.fromRsv(Bytes.wrap(new byte[64])));
    assertThrows(IllegalArgumentException.class, () -> CompactSignature.fromRsv(rsv(29)));
    Bytes highS = Bytes.concatenate(R, Bytes32.fromHexString("0x" + "ff".repeat(32)), Bytes.of(27));
    assertThrows(IllegalArgumentException.class, () -> CompactSignature.fromRsv(highS));
  }

  private static Bytes rsv(int v) {
    return Bytes.concatenate(R, S, Bytes.of((byte) v));
  }
}
