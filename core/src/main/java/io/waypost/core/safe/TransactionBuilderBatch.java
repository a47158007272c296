package io.waypost.core.safe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waypost.core.model.Address;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A batch file for the Safe{Wallet} Transaction Builder (its "Import batch"): version, chain id,
 * creation time, meta (name, a description listing every call decoded, the Safe's address, the
 * checksum the Transaction Builder verifies) and the calls, each as its contract method and input
 * values. The Safe's owners review it in their own wallet, propose, sign and execute it there.
 */
public final class TransactionBuilderBatch {

  /** The Transaction Builder release whose file format this follows. */
  static final String TX_BUILDER_VERSION = "1.18.2";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TransactionBuilderBatch() {}

  /** The batch file's JSON text. */
  public static String toJson(
      long chainId, Address safe, String name, List<SafeCall> calls, Instant createdAt) {
    if (calls.isEmpty()) {
      throw new IllegalArgumentException("A batch needs at least one call");
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.put("chainId", Long.toString(chainId));
    root.put("createdAt", createdAt.toEpochMilli());
    ObjectNode meta = root.putObject("meta");
    meta.put("name", name);
    meta.put("description", describe(calls));
    meta.put("txBuilderVersion", TX_BUILDER_VERSION);
    meta.put("createdFromSafeAddress", safe.checksummed());
    meta.put("createdFromOwnerAddress", "");
    ArrayNode transactions = root.putArray("transactions");
    for (SafeCall call : calls) {
      ObjectNode tx = transactions.addObject();
      tx.put("to", call.to().checksummed());
      tx.put("value", call.value().toString());
      tx.putNull("data");
      ObjectNode method = tx.putObject("contractMethod");
      ArrayNode inputs = method.putArray("inputs");
      for (SafeCall.Input input : call.inputs()) {
        inputs
            .addObject()
            .put("internalType", input.internalType())
            .put("name", input.name())
            .put("type", input.type());
      }
      method.put("name", call.method());
      method.put("payable", false);
      ObjectNode values = tx.putObject("contractInputsValues");
      for (int i = 0; i < call.inputs().size(); i++) {
        values.put(call.inputs().get(i).name(), call.values().get(i));
      }
    }
    meta.put("checksum", checksum(root));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** Writes a batch file whole or not at all (a temporary file moved into place). */
  public static void write(java.nio.file.Path file, String json) throws java.io.IOException {
    java.nio.file.Path absolute = file.toAbsolutePath();
    java.nio.file.Path temp =
        java.nio.file.Files.createTempFile(absolute.getParent(), ".batch", ".json");
    try {
      java.nio.file.Files.writeString(temp, json, StandardCharsets.UTF_8);
      java.nio.file.Files.move(
          temp,
          absolute,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      java.nio.file.Files.deleteIfExists(temp);
    }
  }

  /**
   * The calls of a batch file, encoded from each transaction's contract method and input values as
   * the Transaction Builder does when it imports the file (or taken from {@code data} where a
   * transaction has no method). Checks the checksum first.
   */
  public static List<SafeCall> calls(String json) {
    JsonNode root;
    try {
      root = COMPACT.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Not a Transaction Builder batch: " + e.getOriginalMessage());
    }
    String checksum = root.path("meta").path("checksum").asText("");
    if (!checksum.isEmpty() && !checksum.equalsIgnoreCase(checksum(root))) {
      throw new IllegalArgumentException(
          "The batch's checksum does not match its content: it was changed after export");
    }
    List<SafeCall> out = new ArrayList<>();
    for (JsonNode tx : root.path("transactions")) {
      Address to = Address.of(tx.path("to").asText());
      java.math.BigInteger value = new java.math.BigInteger(tx.path("value").asText("0"));
      JsonNode method = tx.path("contractMethod");
      if (method.isMissingNode() || method.isNull()) {
        String data = tx.path("data").asText("0x");
        out.add(
            new SafeCall(
                to,
                value,
                org.apache.tuweni.bytes.Bytes.fromHexString(data),
                "",
                List.of(),
                List.of(),
                "call " + data));
        continue;
      }
      List<SafeCall.Input> inputs = new ArrayList<>();
      List<String> values = new ArrayList<>();
      @SuppressWarnings("rawtypes")
      List<org.web3j.abi.datatypes.Type> args = new ArrayList<>();
      for (JsonNode input : method.path("inputs")) {
        String name = input.path("name").asText();
        String type = input.path("type").asText();
        String text = tx.path("contractInputsValues").path(name).asText();
        inputs.add(new SafeCall.Input(name, type, input.path("internalType").asText(type)));
        values.add(text);
        args.add(abiValue(type, text));
      }
      String name = method.path("name").asText();
      String data =
          org.web3j.abi.FunctionEncoder.encode(
              new org.web3j.abi.datatypes.Function(name, args, List.of()));
      out.add(
          new SafeCall(
              to,
              value,
              org.apache.tuweni.bytes.Bytes.fromHexString(data),
              name,
              inputs,
              values,
              name + values));
    }
    return out;
  }

  private static org.web3j.abi.datatypes.Type<?> abiValue(String type, String text) {
    return switch (type) {
      case "address" -> new org.web3j.abi.datatypes.Address(text);
      case "string" -> new org.web3j.abi.datatypes.Utf8String(text);
      case "bytes32" ->
          new org.web3j.abi.datatypes.generated.Bytes32(Numeric.hexStringToByteArray(text));
      case "uint64" -> new org.web3j.abi.datatypes.generated.Uint64(new java.math.BigInteger(text));
      case "uint256" ->
          new org.web3j.abi.datatypes.generated.Uint256(new java.math.BigInteger(text));
      default -> throw new IllegalArgumentException("Unsupported input type " + type);
    };
  }

  /** One line per call, numbered, decoded: what the signers are asked to approve. */
  static String describe(List<SafeCall> calls) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      lines.add((i + 1) + ". " + calls.get(i).description());
    }
    return String.join("\n", lines);
  }

  /**
   * The Transaction Builder's checksum: keccak-256 of its own serialisation of the batch without
   * the checksum and with {@code meta.name} null (so a renamed batch keeps its checksum). The
   * serialisation writes an object as its sorted keys (a JSON array) followed by each value and a
   * comma, an array as its serialised elements joined by commas, anything else as JSON.
   */
  public static String checksum(JsonNode batch) {
    ObjectNode copy = batch.deepCopy();
    ObjectNode meta = (ObjectNode) copy.get("meta");
    meta.remove("checksum");
    meta.putNull("name");
    byte[] text = serialize(copy).getBytes(StandardCharsets.UTF_8);
    return Numeric.toHexString(Hash.sha3(text));
  }

  private static String serialize(JsonNode node) {
    try {
      if (node.isArray()) {
        List<String> parts = new ArrayList<>();
        node.forEach(element -> parts.add(serialize(element)));
        return "[" + String.join(",", parts) + "]";
      }
      if (node.isObject()) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
          keys.add(names.next());
        }
        keys.sort(null);
        StringBuilder out = new StringBuilder("{").append(COMPACT.writeValueAsString(keys));
        for (String key : keys) {
          out.append(serialize(node.get(key))).append(',');
        }
        return out.append('}').toString();
      }
      return COMPACT.writeValueAsString(node);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static final ObjectMapper COMPACT = new ObjectMapper();
}
