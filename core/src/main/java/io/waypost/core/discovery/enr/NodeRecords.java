package io.waypost.core.discovery.enr;

import io.waypost.core.discovery.Crypto;
import io.waypost.core.model.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt64;
import org.ethereum.beacon.discovery.schema.EnrField;
import org.ethereum.beacon.discovery.schema.IdentitySchema;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordFactory;
import org.ethereum.beacon.discovery.util.Functions;

/**
 * Decodes and validates node records (EIP-778 {@code enr:} text) and enode URLs. Every failure is
 * an {@link InvalidRecordException} with a reason a person can act on; nothing else escapes, so a
 * hostile record can never crash the caller.
 */
public final class NodeRecords {

  public static final int MAX_RECORD_BYTES = NodeRecord.MAX_ENCODED_SIZE;

  private NodeRecords() {}

  /** Parses {@code enr:...} or {@code enode://...}. */
  public static NodeAddress parse(String text) throws InvalidRecordException {
    if (text == null || text.isBlank()) {
      throw new InvalidRecordException("empty: expected enr:... or enode://...");
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("enr:")) {
      return describe(parseEnr(trimmed));
    }
    if (trimmed.startsWith("enode://")) {
      return parseEnode(trimmed);
    }
    throw new InvalidRecordException("not a node record: expected enr:... or enode://...");
  }

  /** Decodes an {@code enr:} text and checks its size, identity scheme and signature. */
  public static NodeRecord parseEnr(String text) throws InvalidRecordException {
    Crypto.ensureProvider();
    String body = text.strip();
    if (!body.startsWith("enr:")) {
      throw new InvalidRecordException("an ENR text starts with 'enr:'");
    }
    body = body.substring(4);
    if (body.contains("=")) {
      throw new InvalidRecordException("ENR text must be unpadded base64url (EIP-778)");
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException("not base64url: " + e.getMessage());
    }
    return fromBytes(Bytes.wrap(raw));
  }

  /** Decodes an RLP record as received from the network and validates it. */
  public static NodeRecord fromBytes(Bytes raw) throws InvalidRecordException {
    if (raw.size() > MAX_RECORD_BYTES) {
      throw new InvalidRecordException(
          "record is " + raw.size() + " bytes, more than EIP-778's " + MAX_RECORD_BYTES);
    }
    NodeRecord record;
    try {
      record = NodeRecordFactory.DEFAULT.fromBytes(raw);
    } catch (RuntimeException e) {
      throw new InvalidRecordException("malformed record: " + describe(e), e);
    }
    return validate(record);
  }

  /** Checks a decoded record: size, identity scheme v4, key and signature. */
  public static NodeRecord validate(NodeRecord record) throws InvalidRecordException {
    int size;
    try {
      size = record.serialize().size();
    } catch (RuntimeException e) {
      throw new InvalidRecordException("cannot encode record: " + describe(e), e);
    }
    if (size > MAX_RECORD_BYTES) {
      throw new InvalidRecordException(
          "record is " + size + " bytes, more than EIP-778's " + MAX_RECORD_BYTES);
    }
    if (record.getIdentityScheme() != IdentitySchema.V4) {
      throw new InvalidRecordException("identity scheme is not v4");
    }
    if (!(record.get(EnrField.PKEY_SECP256K1) instanceof Bytes key) || key.size() != 33) {
      throw new InvalidRecordException("no 33-byte compressed secp256k1 key");
    }
    boolean valid;
    try {
      valid = record.isValid();
    } catch (RuntimeException e) {
      throw new InvalidRecordException("invalid public key: " + describe(e), e);
    }
    if (!valid) {
      throw new InvalidRecordException("bad signature: the record is not signed by its key");
    }
    return record;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  /** Of two records of one node, the one with the higher sequence number (the first on a tie). */
  public static NodeRecord newer(NodeRecord a, NodeRecord b) {
    return b.getSeq().compareTo(a.getSeq()) > 0 ? b : a;
  }

  /** A validated library record, as a typed value. */
  public static NodeAddress describe(NodeRecord record) {
    Bytes compressed = (Bytes) record.get(EnrField.PKEY_SECP256K1);
    Bytes publicKey = Bytes.wrap(Functions.derivePublicKeyFromCompressed(compressed).bytes());
    TreeMap<String, Bytes> fields = new TreeMap<>();
    record.forEachField(
        (key, value) -> {
          if (value instanceof Bytes bytes) {
            fields.put(key, bytes);
          } else if (value != null && !EnrField.PKEY_SECP256K1.equals(key)) {
            fields.put(key, Bytes.wrap(String.valueOf(value).getBytes(UTF8)));
          } else if (value != null) {
            fields.put(key, compressed);
          }
        });
    return new NodeAddress(
        NodeId.fromPublicKey(publicKey),
        publicKey,
        record.getSeq().toLong(),
        record.getUdpAddress(),
        record.getTcpAddress(),
        fields,
        Optional.of(record),
        record.asEnr());
  }

  private static final java.nio.charset.Charset UTF8 = java.nio.charset.StandardCharsets.UTF_8;

  /** Parses {@code enode://<128 hex>@<ip>:<tcp port>[?discport=<udp port>]}. */
  public static NodeAddress parseEnode(String text) throws InvalidRecordException {
    Crypto.ensureProvider();
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new InvalidRecordException("not an enode URL: " + e.getReason());
    }
    String user = uri.getUserInfo();
    if (!"enode".equals(uri.getScheme()) || user == null || !user.matches("[0-9a-fA-F]{128}")) {
      throw new InvalidRecordException(
          "an enode URL is enode://<128 hex digits of the public key>@<ip>:<port>");
    }
    Bytes publicKey = Bytes.fromHexString(user);
    try {
      Functions.publicKeyToPoint(Bytes.concatenate(Bytes.of(4), publicKey));
    } catch (RuntimeException e) {
      throw new InvalidRecordException("the public key is not a point on secp256k1");
    }
    String host = uri.getHost();
    if (host == null || !host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]")) {
      throw new InvalidRecordException("the host of an enode URL must be an IP address");
    }
    int tcpPort = uri.getPort();
    if (tcpPort < 0 || tcpPort > 65535) {
      throw new InvalidRecordException("the port must be 0..65535");
    }
    int udpPort = tcpPort;
    String query = uri.getQuery();
    if (query != null) {
      if (!query.matches("discport=\\d{1,5}")) {
        throw new InvalidRecordException("the only query an enode URL takes is discport=<port>");
      }
      udpPort = Integer.parseInt(query.substring("discport=".length()));
      if (udpPort > 65535) {
        throw new InvalidRecordException("discport must be 0..65535");
      }
    }
    InetAddress ip;
    try {
      ip = InetAddress.getByName(host.replace("[", "").replace("]", ""));
    } catch (UnknownHostException e) {
      throw new InvalidRecordException("bad IP address " + host);
    }
    return new NodeAddress(
        NodeId.fromPublicKey(publicKey),
        publicKey,
        0,
        Optional.of(new InetSocketAddress(ip, udpPort)),
        Optional.of(new InetSocketAddress(ip, tcpPort)),
        java.util.Map.of(),
        Optional.empty(),
        text.strip());
  }

  /**
   * An unsigned stand-in record for an enode bootnode: enough for the library to contact it (the
   * handshake proves the key), after which the node's own signed record replaces it.
   */
  public static NodeRecord unsignedRecord(NodeAddress enode) {
    InetSocketAddress udp = enode.udp().orElseThrow();
    Bytes compressed =
        Bytes.wrap(
            Functions.publicKeyToPoint(Bytes.concatenate(Bytes.of(4), enode.publicKey()))
                .getEncoded(true));
    NodeRecord record =
        NodeRecordFactory.DEFAULT.createFromValues(
            UInt64.ZERO,
            new EnrField(EnrField.ID, IdentitySchema.V4),
            new EnrField(EnrField.IP_V4, Bytes.wrap(udp.getAddress().getAddress())),
            new EnrField(EnrField.PKEY_SECP256K1, compressed),
            new EnrField(EnrField.UDP, udp.getPort()));
    record.setSignature(Bytes.wrap(new byte[64]));
    return record;
  }
}
