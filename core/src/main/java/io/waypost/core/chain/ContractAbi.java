package io.waypost.core.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A contract's functions and custom errors by 4-byte selector, read from its ABI JSON, so that
 * calldata and revert data can be shown by name ("approveProvider(0x…)", "NotCurator(0x…)") instead
 * of as hex.
 */
public final class ContractAbi {

  /** A function or error: its name and parameter types. */
  record Entry(String name, List<String> types) {
    String signature() {
      return name + "(" + String.join(",", types) + ")";
    }
  }

  private final Map<String, Entry> functions;
  private final Map<String, Entry> errors;

  private ContractAbi(Map<String, Entry> functions, Map<String, Entry> errors) {
    this.functions = functions;
    this.errors = errors;
  }

  /** The ABI of the Waypost registry, bundled in the contracts jar. */
  public static ContractAbi registry() {
    return fromResource("/io/waypost/contracts/WaypostRegistry.abi.json");
  }

  static ContractAbi fromResource(String resource) {
    try (InputStream in = ContractAbi.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("ABI resource " + resource + " is missing from the build");
      }
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, Entry> functions = new HashMap<>();
      Map<String, Entry> errors = new HashMap<>();
      for (JsonNode item : root) {
        String kind = item.path("type").asText();
        if (!kind.equals("function") && !kind.equals("error")) {
          continue;
        }
        List<String> types = new ArrayList<>();
        for (JsonNode input : item.path("inputs")) {
          types.add(canonicalType(input));
        }
        Entry entry = new Entry(item.path("name").asText(), List.copyOf(types));
        String selector = selector(entry.signature());
        (kind.equals("function") ? functions : errors).put(selector, entry);
      }
      return new ContractAbi(Map.copyOf(functions), Map.copyOf(errors));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read ABI " + resource, e);
    }
  }

  private static String canonicalType(JsonNode param) {
    String type = param.path("type").asText();
    if (!type.startsWith("tuple")) {
      return type;
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode component : param.path("components")) {
      parts.add(canonicalType(component));
    }
    return "(" + String.join(",", parts) + ")" + type.substring("tuple".length());
  }

  static String selector(String signature) {
    return Numeric.toHexString(
            Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .substring(0, 10);
  }

  /** Decodes revert data into the contract's error, if it is one of its custom errors. */
  public Optional<ContractError> decodeError(String revertData) {
    return decode(errors, revertData);
  }

  /** Decodes calldata into the function called and its arguments. */
  public Optional<ContractError> decodeCall(String calldata) {
    return decode(functions, calldata);
  }

  // web3j's decoder API is written with raw Type references.
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Optional<ContractError> decode(Map<String, Entry> table, String data) {
    if (data == null || data.length() < 10) {
      return Optional.empty();
    }
    String hex = data.startsWith("0x") ? data : "0x" + data;
    Entry entry = table.get(hex.substring(0, 10).toLowerCase(java.util.Locale.ROOT));
    if (entry == null) {
      return Optional.empty();
    }
    List<Object> values = new ArrayList<>();
    try {
      List<TypeReference<Type>> refs = new ArrayList<>();
      for (String type : entry.types()) {
        refs.add(typeReference(type));
      }
      for (Type value : FunctionReturnDecoder.decode("0x" + hex.substring(10), refs)) {
        values.add(value.getValue());
      }
    } catch (RuntimeException | ClassNotFoundException undecodable) {
      // Tuples and malformed data: the name alone still tells the user what happened.
      return Optional.of(new ContractError(entry.name(), List.of()));
    }
    return Optional.of(new ContractError(entry.name(), List.copyOf(values)));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static TypeReference<Type> typeReference(String type) throws ClassNotFoundException {
    if (type.startsWith("(")) {
      throw new ClassNotFoundException("tuple types are not decoded: " + type);
    }
    return (TypeReference<Type>) (TypeReference<?>) TypeReference.makeTypeReference(type);
  }
}
