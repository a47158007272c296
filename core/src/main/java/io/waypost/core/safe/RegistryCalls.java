package io.waypost.core.safe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint64;

/**
 * The registry's owner and curator actions as calls a Safe makes, each with its method, inputs and
 * a decoded description, read from the registry's own ABI (bundled in the contracts jar).
 */
public final class RegistryCalls {

  private static final JsonNode ABI = loadAbi();

  private final Address registry;

  public RegistryCalls(Address registry) {
    this.registry = registry;
  }

  // ------------------------------------------------------------------ owner

  public SafeCall addCurator(Address curator) {
    return call("addCurator", address(curator));
  }

  public SafeCall removeCurator(Address curator) {
    return call("removeCurator", address(curator));
  }

  public SafeCall transferOwnership(Address next) {
    return call("transferOwnership", address(next));
  }

  public SafeCall acceptOwnership() {
    return call("acceptOwnership");
  }

  public SafeCall setMaxProofValidity(Duration validity) {
    return call("setMaxProofValidity", new Uint64(BigInteger.valueOf(validity.toSeconds())));
  }

  public SafeCall setReapplyCooldown(Duration cooldown) {
    return call("setReapplyCooldown", new Uint64(BigInteger.valueOf(cooldown.toSeconds())));
  }

  // ------------------------------------------------------------------ curators

  public SafeCall addService(String name) {
    return call("addService", new Utf8String(name));
  }

  public SafeCall approveProvider(Address provider) {
    return call("approveProvider", address(provider));
  }

  public SafeCall rejectProvider(Address provider, String reason) {
    return call("rejectProvider", address(provider), new Utf8String(reason));
  }

  public SafeCall suspendProvider(Address provider, String reason) {
    return call("suspendProvider", address(provider), new Utf8String(reason));
  }

  public SafeCall reinstateProvider(Address provider, String reason) {
    return call("reinstateProvider", address(provider), new Utf8String(reason));
  }

  public SafeCall acceptProviderUpdate(Address provider, String name, String metadataUri) {
    return call(
        "acceptProviderUpdate",
        address(provider),
        new Utf8String(name),
        new Utf8String(metadataUri));
  }

  public SafeCall declineProviderUpdate(Address provider, String reason) {
    return call("declineProviderUpdate", address(provider), new Utf8String(reason));
  }

  public SafeCall removeNode(NodeId node, ServiceId service) {
    return call("removeNode", new Bytes32(node.toArray()), new Bytes32(service.toArray()));
  }

  // ------------------------------------------------------------------ encoding

  @SuppressWarnings("rawtypes") // web3j's Function takes raw Type lists
  private SafeCall call(String method, Type... args) {
    JsonNode function = function(method, args.length);
    List<SafeCall.Input> inputs = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      JsonNode input = function.path("inputs").get(i);
      String name = input.path("name").asText();
      inputs.add(
          new SafeCall.Input(
              name, input.path("type").asText(), input.path("internalType").asText()));
      String value = text(args[i]);
      values.add(value);
      shown.add(name + ": " + (args[i] instanceof Utf8String ? "\"" + value + "\"" : value));
    }
    String data = FunctionEncoder.encode(new Function(method, List.<Type>of(args), List.of()));
    return new SafeCall(
        registry,
        BigInteger.ZERO,
        Bytes.fromHexString(data),
        method,
        inputs,
        values,
        "WaypostRegistry." + method + "(" + String.join(", ", shown) + ")");
  }

  /** A value as the Safe Transaction Builder writes it in contractInputsValues. */
  private static String text(Type<?> value) {
    Object raw = value.getValue();
    if (raw instanceof byte[] bytes) {
      return Bytes.wrap(bytes).toHexString();
    }
    if (value instanceof org.web3j.abi.datatypes.Address a) {
      return Address.of(a.getValue()).checksummed();
    }
    return String.valueOf(raw);
  }

  private static org.web3j.abi.datatypes.Address address(Address address) {
    return new org.web3j.abi.datatypes.Address(address.value());
  }

  private static JsonNode function(String method, int arity) {
    for (JsonNode item : ABI) {
      if ("function".equals(item.path("type").asText())
          && method.equals(item.path("name").asText())
          && item.path("inputs").size() == arity) {
        return item;
      }
    }
    throw new IllegalStateException("The registry's ABI has no " + method + " with " + arity);
  }

  private static JsonNode loadAbi() {
    String resource = "/io/waypost/contracts/WaypostRegistry.abi.json";
    try (InputStream in = RegistryCalls.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("ABI resource " + resource + " is missing from the build");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + resource, e);
    }
  }
}
