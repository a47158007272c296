package io.waypost.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waypost.core.model.Address;
import io.waypost.core.model.ServiceId;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Reads the proofs of possession a node agent prints ({@code waypost agent --json}) so a provider
 * can paste them instead of handing over the node's key. Each proof is checked against the
 * provider, registry and chain it will be used with, so a proof made for someone else is refused
 * here, with the reason, rather than as a reverted transaction.
 */
public final class AgentProofs {

  private AgentProofs() {}

  /** The registrations in the agent's output that are valid for this provider, registry, chain. */
  public static List<NodeRegistration> parse(
      String agentJson, Address provider, Address registry, long chainId) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(agentJson == null ? "" : agentJson.strip());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "That is not the agent's JSON output (run `waypost agent … --json`): " + e.getMessage());
    }
    if (root == null || !root.has("publicKeyX") || !root.has("publicKeyY")) {
      throw new IllegalArgumentException(
          "The agent's output has no public key (publicKeyX, publicKeyY); paste all of it");
    }
    JsonNode proofs = root.path("proofs");
    if (!proofs.isArray() || proofs.isEmpty()) {
      throw new IllegalArgumentException(
          "The agent's output holds no proof: run the agent with --provider, --registry and"
              + " --chain-id for this registry");
    }
    Bytes publicKey =
        Bytes.concatenate(
            Bytes32.fromHexString(root.get("publicKeyX").asText()),
            Bytes32.fromHexString(root.get("publicKeyY").asText()));
    List<NodeRegistration> registrations = new ArrayList<>();
    for (JsonNode proof : proofs) {
      Address madeFor = Address.of(proof.path("provider").asText());
      Address forRegistry = Address.of(proof.path("registry").asText());
      long forChain = proof.path("chainId").asLong();
      if (!madeFor.equals(provider)) {
        throw new IllegalArgumentException(
            "This proof was made for provider "
                + madeFor.checksummed()
                + ", but you act as "
                + provider.checksummed()
                + ": run the agent again with --provider "
                + provider.checksummed());
      }
      if (!forRegistry.equals(registry) || forChain != chainId) {
        throw new IllegalArgumentException(
            "This proof was made for registry "
                + forRegistry.checksummed()
                + " on chain "
                + forChain
                + ", not registry "
                + registry.checksummed()
                + " on chain "
                + chainId);
      }
      registrations.add(
          new NodeRegistration(
              ServiceId.fromHex(proof.path("serviceId").asText()),
              publicKey,
              proof.path("expiry").asLong(),
              new CompactSignature(
                  Bytes32.fromHexString(proof.path("r").asText()),
                  Bytes32.fromHexString(proof.path("vs").asText()))));
    }
    return registrations;
  }
}
