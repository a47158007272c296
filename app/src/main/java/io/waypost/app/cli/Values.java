package io.waypost.app.cli;

import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.model.Address;
import io.waypost.core.registry.RegistrySetting;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.Keys;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The CLI's value types, checked while the command line is parsed, before anything is opened or
 * written: a bad value is a usage error (exit 2) and picocli names the option it was given to.
 */
final class Values {

  private Values() {}

  /** Years a proof may be valid at most; more is a typo (or an overflow), not a plan. */
  static final long MAX_EXPIRY_SECONDS = 10L * 366 * 24 * 3600;

  /**
   * An address. All-lowercase or all-uppercase hex is accepted as is; mixed case is an EIP-55
   * checksum and must match, so that a mistyped address is refused rather than used.
   */
  static final class AddressValue implements ITypeConverter<Address> {
    @Override
    public Address convert(String text) {
      return address(text);
    }
  }

  static Address address(String text) {
    String value = text.strip();
    if (!value.matches("0x[0-9a-fA-F]{40}")) {
      throw new TypeConversionException(
          "'" + text + "' is not an address (0x followed by 40 hex digits)");
    }
    String digits = value.substring(2);
    boolean mixed =
        !digits.equals(digits.toLowerCase(java.util.Locale.ROOT))
            && !digits.equals(digits.toUpperCase(java.util.Locale.ROOT));
    if (mixed && !Keys.toChecksumAddress(value).equals(value)) {
      throw new TypeConversionException(
          "'"
              + text
              + "' has a wrong EIP-55 checksum (its upper/lower case does not match): check it"
              + " for a typo, or give it in lowercase");
    }
    return Address.of(value);
  }

  /** A chain id: a positive number. */
  static final class ChainIdValue implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      long id = number(text, "chain id");
      if (id <= 0) {
        throw new TypeConversionException("a chain id is a positive number, not " + text);
      }
      return id;
    }
  }

  /** A confirmation depth: 0 to 1,000 blocks, as a network profile holds it. */
  static final class DepthValue implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      long n = number(text, "number");
      if (n < 0 || n > 1000) {
        throw new TypeConversionException("a confirmation depth is 0 to 1000 blocks, not " + text);
      }
      return (int) n;
    }
  }

  /** A block number, count or nonce: zero or more. */
  static final class NonNegativeValue implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      long n = number(text, "number");
      if (n < 0) {
        throw new TypeConversionException("must not be negative, was " + text);
      }
      return n;
    }
  }

  /** A count of seconds or items: at least 1. */
  static final class PositiveIntValue implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      long n = number(text, "number");
      if (n < 1 || n > Integer.MAX_VALUE) {
        throw new TypeConversionException("must be 1 or more, was " + text);
      }
      return (int) n;
    }
  }

  /** A UDP or TCP port, 0 to 65535 (0: any free port, or the default where documented). */
  static final class PortValue implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      long port = number(text, "port");
      if (port < 0 || port > 65535) {
        throw new TypeConversionException("a port is 0 to 65535, not " + text);
      }
      return (int) port;
    }
  }

  /** A proof's lifetime in seconds: positive, at most ten years. */
  static final class ExpiryValue implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      long seconds = number(text, "number of seconds");
      if (seconds <= 0 || seconds > MAX_EXPIRY_SECONDS) {
        throw new TypeConversionException(
            "a proof's lifetime is 1 to " + MAX_EXPIRY_SECONDS + " seconds, not " + text);
      }
      return seconds;
    }
  }

  /** The registry's longest proof validity: 7d, 36h, 90m; 1 hour to 30 days. */
  static final class MaxProofValidityValue implements ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String text) {
      return setting(RegistrySetting.MAX_PROOF_VALIDITY, text);
    }
  }

  /** The registry's re-application cooldown: 30d, 12h; 0 to 365 days. */
  static final class ReapplyCooldownValue implements ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String text) {
      return setting(RegistrySetting.REAPPLY_COOLDOWN, text);
    }
  }

  private static java.time.Duration setting(RegistrySetting setting, String text) {
    try {
      return setting.parse(text);
    } catch (IllegalArgumentException bad) {
      throw new TypeConversionException(bad.getMessage());
    }
  }

  /** A JSON-RPC endpoint URL. */
  static final class RpcValue implements ITypeConverter<RpcEndpoint> {
    @Override
    public RpcEndpoint convert(String text) {
      try {
        return RpcEndpoint.parse(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(Errors.describe(e));
      }
    }
  }

  /** A node record or enode URL, decoded and its signature checked. */
  static final class RecordValue implements ITypeConverter<String> {
    @Override
    public String convert(String text) {
      try {
        NodeRecords.parse(text);
        return text;
      } catch (InvalidRecordException | RuntimeException e) {
        throw new TypeConversionException("'" + text + "' is refused: " + Errors.describe(e));
      }
    }
  }

  /** An EIP-1459 node list, enrtree://KEY@DOMAIN. */
  static final class EnrTreeValue
      implements ITypeConverter<io.waypost.core.discovery.dns.EnrTreeUrl> {
    @Override
    public io.waypost.core.discovery.dns.EnrTreeUrl convert(String text) {
      try {
        return io.waypost.core.discovery.dns.EnrTreeUrl.parse(text);
      } catch (io.waypost.core.discovery.dns.EnrTreeException e) {
        throw new TypeConversionException("'" + text + "' is refused: " + e.getMessage());
      }
    }
  }

  /** A capability map, e.g. waku2.store=mailserver,waku2.lightpush=push; empty maps nothing. */
  static final class CapabilityMapValue
      implements ITypeConverter<io.waypost.core.discovery.enr.CapabilityMap> {
    @Override
    public io.waypost.core.discovery.enr.CapabilityMap convert(String text) {
      try {
        return io.waypost.core.discovery.enr.CapabilityMap.parse(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A file that must exist and be readable (a keystore, a password file, proofs). */
  static final class ReadableFile implements ITypeConverter<Path> {
    @Override
    public Path convert(String text) {
      Path file = Path.of(text);
      if (Files.isDirectory(file)) {
        throw new TypeConversionException(text + " is a directory, not a file");
      }
      if (!Files.exists(file)) {
        throw new TypeConversionException(text + " does not exist");
      }
      if (!Files.isReadable(file)) {
        throw new TypeConversionException(text + " is not readable (check its permissions)");
      }
      return file;
    }
  }

  private static long number(String text, String what) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + text + "' is not a " + what);
    }
  }
}
