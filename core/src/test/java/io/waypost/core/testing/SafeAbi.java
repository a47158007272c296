package io.waypost.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.waypost.core.safe.SafeCall;
import io.waypost.core.safe.SafeDeployer;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;

/** Checks Safe transactions with the ABI from the Safe project's own npm artifacts. */
public final class SafeAbi {

  private SafeAbi() {}

  /**
   * Decodes {@code multiSend} call data with MultiSendCallOnly's ABI from the Safe's npm artifacts
   * and checks that it packs exactly {@code expected}, in order; returns how many calls it packs.
   */
  @SuppressWarnings({"rawtypes", "unchecked"}) // web3j's decoder takes raw type references
  public static int decodeMultiSend(Bytes data, List<SafeCall> expected) {
    JsonNode function = null;
    for (JsonNode item :
        SafeDeployer.abi("libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json")) {
      if ("multiSend".equals(item.path("name").asText())) {
        function = item;
      }
    }
    assertEquals("bytes", function.path("inputs").get(0).path("type").asText());
    String selector =
        Bytes.wrap(
                org.web3j.crypto.Hash.sha3(
                    "multiSend(bytes)".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
            .slice(0, 4)
            .toHexString();
    assertEquals(selector, data.slice(0, 4).toHexString(), "multiSend's selector");
    List<Type> decoded =
        FunctionReturnDecoder.decode(
            data.slice(4).toHexString(),
            List.<TypeReference<Type>>of((TypeReference) new TypeReference<DynamicBytes>() {}));
    Bytes packed = Bytes.wrap(((DynamicBytes) decoded.get(0)).getValue());
    int at = 0;
    int count = 0;
    while (at < packed.size()) {
      assertEquals(0, packed.get(at), "operation CALL");
      Bytes to = packed.slice(at + 1, 20);
      int length = packed.slice(at + 53, 32).toUnsignedBigInteger().intValueExact();
      Bytes callData = packed.slice(at + 85, length);
      assertEquals(expected.get(count).to().value(), to.toHexString());
      assertEquals(expected.get(count).data(), callData);
      at += 85 + length;
      count++;
    }
    return count;
  }
}
