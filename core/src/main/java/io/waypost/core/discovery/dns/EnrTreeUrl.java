package io.waypost.core.discovery.dns;

import io.waypost.core.discovery.Crypto;
import java.util.Locale;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.util.Functions;

/**
 * An EIP-1459 tree location: {@code enrtree://<base32 compressed public key>@<domain>}. The key is
 * the one the tree's root must be signed by.
 *
 * @param publicKey the 33-byte compressed secp256k1 key
 * @param domain the DNS name of the root TXT record, lower case, without a trailing dot
 */
public record EnrTreeUrl(Bytes publicKey, String domain) {

  public static final String SCHEME = "enrtree://";

  public EnrTreeUrl {
    Objects.requireNonNull(publicKey, "publicKey");
    domain = domain.toLowerCase(Locale.ROOT);
  }

  /**
   * @throws EnrTreeException naming what is wrong with the text
   */
  public static EnrTreeUrl parse(String text) throws EnrTreeException {
    String t = text == null ? "" : text.strip();
    if (!t.startsWith(SCHEME)) {
      throw new EnrTreeException("not an enrtree URL: expected enrtree://<key>@<domain>");
    }
    int at = t.indexOf('@');
    if (at < 0) {
      throw new EnrTreeException("enrtree URL has no '@': expected enrtree://<key>@<domain>");
    }
    String key = t.substring(SCHEME.length(), at);
    String domain = t.substring(at + 1);
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    if (!domain.matches(
            "(?i)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
        || domain.length() > 253) {
      throw new EnrTreeException("enrtree URL's domain '" + domain + "' is not a DNS name");
    }
    Bytes compressed;
    try {
      compressed = Base32.decode(key);
    } catch (IllegalArgumentException e) {
      throw new EnrTreeException("enrtree URL's key is not base32: " + e.getMessage());
    }
    if (compressed.size() != 33) {
      throw new EnrTreeException(
          "enrtree URL's key is "
              + compressed.size()
              + " bytes, expected a 33-byte compressed key");
    }
    try {
      Crypto.ensureProvider();
      Functions.derivePublicKeyFromCompressed(compressed);
    } catch (RuntimeException e) {
      throw new EnrTreeException("enrtree URL's key is not a point on secp256k1");
    }
    return new EnrTreeUrl(compressed, domain);
  }

  /** The 64-byte uncompressed key x || y, as signature recovery gives it. */
  public Bytes uncompressedKey() {
    Crypto.ensureProvider();
    return Bytes.wrap(Functions.derivePublicKeyFromCompressed(publicKey).bytes());
  }

  @Override
  public String toString() {
    return SCHEME + Base32.encode(publicKey) + "@" + domain;
  }
}
