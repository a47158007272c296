package io.waypost.core.safe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waypost.core.chain.ChainConnection;
import io.waypost.core.model.Address;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Deploys Safe 1.4.1 on a development chain from the Safe project's own build artifacts (bundled
 * from the npm package {@code @safe-global/safe-contracts}): the Safe singleton, the proxy factory
 * and MultiSendCallOnly; then creates Safes with given owners and threshold. For devnets and tests;
 * on a real network the Safe's canonical deployments already exist.
 */
public final class SafeDeployer {

  /** The shared Safe contracts on a chain. */
  public record SafeContracts(Address singleton, Address factory, Address multiSend) {}

  private static final String ARTIFACTS = "/io/waypost/contracts/safe/";

  private final ChainConnection chain;
  private final Credentials deployer;

  public SafeDeployer(ChainConnection chain, Credentials deployer) {
    this.chain = chain;
    this.deployer = deployer;
  }

  public SafeContracts deployContracts() throws IOException {
    return new SafeContracts(
        deploy("Safe.sol/Safe.json"),
        deploy("proxies/SafeProxyFactory.sol/SafeProxyFactory.json"),
        deploy("libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json"));
  }

  /** Creates a Safe (a proxy of the singleton) owned by {@code owners} with {@code threshold}. */
  public Address createSafe(SafeContracts contracts, List<Address> owners, int threshold)
      throws IOException {
    if (threshold < 1 || threshold > owners.size()) {
      throw new IllegalArgumentException(
          "A threshold of " + threshold + " does not fit " + owners.size() + " owners");
    }
    String setup =
        FunctionEncoder.encode(
            new Function(
                "setup",
                List.of(
                    new DynamicArray<>(
                        org.web3j.abi.datatypes.Address.class,
                        owners.stream()
                            .map(a -> new org.web3j.abi.datatypes.Address(a.value()))
                            .toList()),
                    new Uint256(threshold),
                    new org.web3j.abi.datatypes.Address(Address.ZERO.value()),
                    new DynamicBytes(new byte[0]),
                    new org.web3j.abi.datatypes.Address(Address.ZERO.value()),
                    new org.web3j.abi.datatypes.Address(Address.ZERO.value()),
                    new Uint256(0),
                    new org.web3j.abi.datatypes.Address(Address.ZERO.value())),
                List.of()));
    String create =
        FunctionEncoder.encode(
            new Function(
                "createProxyWithNonce",
                List.of(
                    new org.web3j.abi.datatypes.Address(contracts.singleton().value()),
                    new DynamicBytes(org.web3j.utils.Numeric.hexStringToByteArray(setup)),
                    new Uint256(BigInteger.valueOf(System.nanoTime()))),
                List.of()));
    TransactionReceipt receipt = SafeAccount.send(chain, deployer, contracts.factory(), create);
    // ProxyCreation(address indexed proxy, address singleton)
    String topic =
        org.web3j.crypto.Hash.sha3String("ProxyCreation(address,address)")
            .toLowerCase(java.util.Locale.ROOT);
    for (Log log : receipt.getLogs()) {
      if (!log.getTopics().isEmpty() && log.getTopics().get(0).equalsIgnoreCase(topic)) {
        return Address.of("0x" + log.getTopics().get(1).substring(26));
      }
    }
    throw new IOException("The Safe proxy factory created no Safe (no ProxyCreation event)");
  }

  private Address deploy(String artifact) throws IOException {
    String bytecode = bytecode(artifact);
    EthSendTransaction sent =
        chain
            .signer(deployer)
            .sendTransaction(BigInteger.ONE, BigInteger.ONE, "", bytecode, BigInteger.ZERO, true);
    if (sent.hasError()) {
      throw new IOException("Deploying " + artifact + " failed: " + sent.getError().getMessage());
    }
    try {
      TransactionReceipt receipt =
          chain.receipts().waitForTransactionReceipt(sent.getTransactionHash());
      return Address.of(receipt.getContractAddress());
    } catch (org.web3j.protocol.exceptions.TransactionException e) {
      throw new IOException("Deploying " + artifact + " was not mined: " + e.getMessage(), e);
    }
  }

  /** The artifact's creation bytecode. */
  static String bytecode(String artifact) {
    return artifact(artifact).path("bytecode").asText();
  }

  /** A Safe contract's ABI, as its own project publishes it. */
  public static JsonNode abi(String artifact) {
    return artifact(artifact).path("abi");
  }

  private static JsonNode artifact(String artifact) {
    try (InputStream in = SafeDeployer.class.getResourceAsStream(ARTIFACTS + artifact)) {
      if (in == null) {
        throw new IllegalStateException(
            "The Safe artifact " + artifact + " is missing from the build (npm ci in contracts/)");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the Safe artifact " + artifact, e);
    }
  }
}
