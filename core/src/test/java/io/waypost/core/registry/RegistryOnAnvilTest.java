package io.waypost.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.contracts.WaypostRegistry;
import io.waypost.core.devnet.AnvilNode;
import io.waypost.core.devnet.DevAccounts;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.index.RegistryEvents;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The registry's whole path on a real anvil node through the generated web3j wrapper: deploy,
 * apply, approve, register a node with its proof of possession, batch-verify, suspend, see
 * verification fail, and read every event back from the logs.
 */
class RegistryOnAnvilTest {

  private static final long CHAIN_ID = 31337;
  private static final ContractGasProvider GAS =
      new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(6_000_000L));
  private static final ServiceId MAILSERVER = ServiceId.of("mailserver");

  private static AnvilNode anvil;
  private static Web3j web3j;

  private final Credentials owner = DevAccounts.account(0);
  private final Credentials status = DevAccounts.account(1);
  private final Credentials applicant = DevAccounts.account(2);

  @BeforeAll
  static void startAnvil() throws Exception {
    anvil = AnvilNode.start(AnvilNode.Options.defaults(FoundryToolchain.locate().anvil()));
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
  }

  @AfterAll
  static void stopAnvil() {
    if (web3j != null) {
      web3j.shutdown();
    }
    if (anvil != null) {
      anvil.close();
      assertFalse(anvil.isAlive(), "anvil stopped");
    }
  }

  @Test
  void fullLifecycleOnAnvil() throws Exception {
    WaypostRegistry asOwner =
        WaypostRegistry.deploy(
                web3j,
                signer(owner),
                GAS,
                owner.getAddress(),
                status.getAddress(),
                "Status",
                "https://status.app",
                List.of("mailserver", "push-notification"))
            .send();
    String address = asOwner.getContractAddress();
    WaypostRegistry asApplicant = WaypostRegistry.load(address, web3j, signer(applicant), GAS);

    asOwner.addCurator(owner.getAddress()).send();
    asApplicant.applyAsProvider("Applicant", "https://applicant.example").send();
    asOwner.approveProvider(applicant.getAddress()).send();

    ECKeyPair nodeKey = Keys.createEcKeyPair();
    Bytes publicKey = Bytes.wrap(Numeric.toBytesPadded(nodeKey.getPublicKey(), 64));
    NodeId nodeId = NodeId.fromPublicKey(publicKey);
    long nonce = asOwner.getNode(nodeId.toArray()).send().component3().longValueExact();
    long expiry = System.currentTimeMillis() / 1000 + 3600;
    NodeRegistrationProof proof =
        new NodeRegistrationProof(
            CHAIN_ID, address, nodeId, applicant.getAddress(), MAILSERVER, nonce, expiry);
    byte[] onChainDigest =
        asOwner
            .nodeRegistrationDigest(
                nodeId.toArray(),
                applicant.getAddress(),
                MAILSERVER.toArray(),
                BigInteger.valueOf(nonce),
                BigInteger.valueOf(expiry))
            .send();
    assertEquals(Bytes32.wrap(onChainDigest), proof.digest(), "Java and Solidity EIP-712 agree");

    CompactSignature signature = CompactSignature.fromRsv(proof.sign(nodeKey));
    asApplicant
        .registerNode(
            MAILSERVER.toArray(),
            nodeId.toArray(),
            BigInteger.valueOf(expiry),
            signature.r().toArray(),
            signature.vs().toArray())
        .send();

    // The same proof cannot be used twice: the node's nonce moved on.
    assertThrows(
        TransactionException.class,
        () ->
            asApplicant
                .registerNode(
                    MAILSERVER.toArray(),
                    nodeId.toArray(),
                    BigInteger.valueOf(expiry),
                    signature.r().toArray(),
                    signature.vs().toArray())
                .send());

    byte[] unknownNode = Bytes32.random().toArrayUnsafe();
    Tuple3<List<Boolean>, List<String>, List<BigInteger>> batch =
        asOwner.verifyBatch(List.of(nodeId.toArray(), unknownNode), MAILSERVER.toArray()).send();
    assertEquals(List.of(true, false), batch.component1(), "trusted, unknown");
    assertEquals(applicant.getAddress(), batch.component2().get(0).toLowerCase());

    asOwner.suspendProvider(applicant.getAddress(), "serves stale messages").send();
    Tuple3<Boolean, String, BigInteger> after =
        asOwner.verify(nodeId.toArray(), MAILSERVER.toArray()).send();
    assertFalse(after.component1(), "suspended provider's node is not trusted");
    assertEquals(BigInteger.valueOf(4), after.component3(), "status Suspended");

    List<Log> logs = allLogs(address);
    assertEquals(
        List.of(
            "OwnershipTransferred",
            "ServiceAdded",
            "ServiceAdded",
            "ProviderApplied",
            "ProviderApproved",
            "CuratorAdded",
            "ProviderApplied",
            "ProviderApproved",
            "NodeRegistered",
            "ProviderSuspended"),
        logs.stream().map(RegistryOnAnvilTest::eventName).toList(),
        "every state change is in the log, in order");

    Log registered = logs.get(8);
    assertEquals(topicOf(applicant.getAddress()), registered.getTopics().get(1), "provider");
    assertEquals(nodeId.toString(), registered.getTopics().get(2), "node id");
    assertEquals(MAILSERVER.toString(), registered.getTopics().get(3), "service id");

    Log suspended = logs.get(9);
    String reason =
        FunctionReturnDecoder.decode(
                suspended.getData(),
                WaypostRegistry.PROVIDERSUSPENDED_EVENT.getNonIndexedParameters())
            .get(0)
            .getValue()
            .toString();
    assertEquals("serves stale messages", reason);
    assertTrue(
        WaypostRegistry.getProviderSuspendedEvents(
                web3j
                    .ethGetTransactionReceipt(suspended.getTransactionHash())
                    .send()
                    .getTransactionReceipt()
                    .orElseThrow())
            .get(0)
            .curator
            .equalsIgnoreCase(owner.getAddress()),
        "the wrapper decodes the acting curator");
  }

  private static TransactionManager signer(Credentials credentials) {
    // anvil mines at once; web3j's default would poll for receipts every 15 s.
    return new RawTransactionManager(
        web3j, credentials, CHAIN_ID, new PollingTransactionReceiptProcessor(web3j, 50, 400));
  }

  private static List<Log> allLogs(String address) throws Exception {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, address);
    return web3j.ethGetLogs(filter).send().getLogs().stream()
        .map(result -> ((EthLog.LogObject) result).get())
        .toList();
  }

  private static String eventName(Log log) {
    return RegistryEvents.nameOf(log.getTopics().get(0))
        .orElse("unknown " + log.getTopics().get(0));
  }

  private static String topicOf(String address) {
    return Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(address), 64);
  }
}
