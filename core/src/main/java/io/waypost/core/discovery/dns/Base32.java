package io.waypost.core.discovery.dns;

import java.util.Locale;
import org.apache.tuweni.bytes.Bytes;

/** RFC 4648 base32 without padding, as EIP-1459 uses for tree keys and entry hashes. */
final class Base32 {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32() {}

  static String encode(Bytes data) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < data.size(); i++) {
      buffer = (buffer << 8) | (data.get(i) & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /**
   * @throws IllegalArgumentException for a character outside the alphabet or non-zero padding bits
   */
  static Bytes decode(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    byte[] out = new byte[upper.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < upper.length(); i++) {
      int value = ALPHABET.indexOf(upper.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("'" + upper.charAt(i) + "' is not base32");
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    if ((buffer & ((1 << bits) - 1)) != 0) {
      throw new IllegalArgumentException("base32 text has stray trailing bits");
    }
    return Bytes.wrap(out);
  }
}
