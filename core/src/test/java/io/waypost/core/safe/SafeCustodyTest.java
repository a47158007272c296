package io.waypost.core.safe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waypost.core.chain.ChainConnection;
import io.waypost.core.devnet.Devnet;
import io.waypost.core.index.IndexedEvent;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.testing.DevnetFixture;
import io.waypost.core.testing.SafeAbi;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * The registry owned and curated by a real 2-of-3 Safe 1.4.1 (deployed on the devnet's anvil from
 * the Safe project's npm artifacts): ownership handed over, the Safe made a curator, then an
 * approval and a suspension executed through it with two owners' signatures; and an exported
 * Transaction Builder batch that decodes with the Safe's own ABI and executes as exported.
 */
class SafeCustodyTest {

  @TempDir Path dataDir;

  @Test
  void aTwoOfThreeSafeOwnsAndCuratesTheRegistry() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      ChainConnection chain = f.devnet.chain();
      RegistryClient registry = f.devnet.registry();
      Credentials deployer = Devnet.accounts().get(0).credentials(); // the devnet's owner
      List<Credentials> owners = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        owners.add(Credentials.create(Keys.createEcKeyPair()));
      }
      SafeDeployer deployer1 = new SafeDeployer(chain, deployer);
      SafeDeployer.SafeContracts contracts = deployer1.deployContracts();
      io.waypost.core.model.Address safeAddress =
          deployer1.createSafe(
              contracts,
              owners.stream().map(c -> io.waypost.core.model.Address.of(c.getAddress())).toList(),
              2);
      SafeAccount safe = new SafeAccount(chain, safeAddress);
      assertEquals(2, safe.threshold());
      assertEquals(3, safe.owners().size());

      RegistryCalls calls = new RegistryCalls(registry.address());
      registry.as(deployer).transferOwnership(safeAddress).get();
      List<SafeProgress> progress = new ArrayList<>();
      // Two calls in one Safe transaction, through MultiSendCallOnly.
      safe.execute(
          List.of(calls.acceptOwnership(), calls.addCurator(safeAddress)),
          Optional.of(contracts.multiSend()),
          List.of(owners.get(2), owners.get(0)),
          deployer,
          progress::add);
      assertEquals(safeAddress, registry.owner().get(), "the Safe owns the registry");
      assertTrue(registry.isCurator(safeAddress).get(), "and curates it");
      assertEquals(
          List.of(
              SafeProgress.Step.SIGNED,
              SafeProgress.Step.SIGNED,
              SafeProgress.Step.SENT,
              SafeProgress.Step.MINED),
          progress.stream().map(SafeProgress::step).toList(),
          "each signature, then the transaction");
      assertEquals(2, progress.get(1).signatures());

      // The hash the owners sign is the Safe's own.
      SafeTransaction next =
          SafeTransaction.of(
              List.of(calls.approveProvider(Devnet.accounts().get(2).address())),
              contracts.multiSend(),
              safe.nonce());
      assertEquals(
          safeTxHashOnChain(chain, safeAddress, next), next.hash(chain.chainId(), safeAddress));

      // One owner is not enough, and a stranger's key is refused, before anything is sent.
      BigInteger nonce = safe.nonce();
      assertThrows(
          IllegalArgumentException.class,
          () ->
              safe.execute(
                  List.of(calls.approveProvider(Devnet.accounts().get(2).address())),
                  Optional.empty(),
                  List.of(owners.get(0)),
                  deployer,
                  p -> {}));
      IllegalArgumentException stranger =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  safe.execute(
                      List.of(calls.approveProvider(Devnet.accounts().get(2).address())),
                      Optional.empty(),
                      List.of(owners.get(0), deployer),
                      deployer,
                      p -> {}));
      assertTrue(stranger.getMessage().contains("is not an owner"), stranger.getMessage());
      assertEquals(nonce, safe.nonce(), "nothing was executed");

      // An approval and a suspension, exported as a Transaction Builder batch ...
      io.waypost.core.model.Address nimbus = Devnet.accounts().get(2).address();
      io.waypost.core.model.Address status = Devnet.accounts().get(1).address();
      List<SafeCall> decisions =
          List.of(
              calls.approveProvider(nimbus),
              calls.suspendProvider(status, "Serves stale messages (ticket #4711)"));
      String json =
          TransactionBuilderBatch.toJson(
              chain.chainId(),
              safeAddress,
              "Waypost curator decisions",
              decisions,
              Instant.ofEpochMilli(1_800_000_000_000L));
      JsonNode batch = new ObjectMapper().readTree(json);
      assertEquals("1.0", batch.path("version").asText());
      assertEquals("31337", batch.path("chainId").asText());
      assertEquals(
          safeAddress.checksummed(), batch.path("meta").path("createdFromSafeAddress").asText());
      String description = batch.path("meta").path("description").asText();
      assertTrue(
          description.contains(
                  "1. WaypostRegistry.approveProvider(provider: " + nimbus.checksummed() + ")")
              && description.contains(
                  "2. WaypostRegistry.suspendProvider(provider: "
                      + status.checksummed()
                      + ", reason: \"Serves stale messages (ticket #4711)\")"),
          description);
      assertEquals(
          "suspendProvider",
          batch.path("transactions").get(1).path("contractMethod").path("name").asText());

      // ... as the Safe app imports it: encoded from each method and its values ...
      List<SafeCall> imported = TransactionBuilderBatch.calls(json);
      for (int i = 0; i < decisions.size(); i++) {
        assertEquals(decisions.get(i).data(), imported.get(i).data(), "call " + i + " round-trips");
      }
      // ... decodes with the Safe's own MultiSendCallOnly ABI into exactly these calls ...
      Bytes multiSend = SafeTransaction.multiSendData(imported);
      assertEquals(
          decisions.size(), SafeAbi.decodeMultiSend(multiSend, decisions), "calls decoded");
      // ... and executes through the Safe as exported.
      progress.clear();
      safe.execute(
          imported,
          Optional.of(contracts.multiSend()),
          List.of(owners.get(1), owners.get(2)),
          deployer,
          progress::add);
      assertEquals(ProviderStatus.APPROVED, registry.provider(nimbus).get().status());
      assertEquals(ProviderStatus.SUSPENDED, registry.provider(status).get().status());

      f.indexer.syncOnce();
      IndexedEvent suspended = f.indexer.view().auditTrail(1).get(0);
      assertEquals("ProviderSuspended", suspended.name());
      assertEquals(safeAddress.value(), suspended.actor().orElseThrow(), "the Safe acted");

      // A changed file is refused.
      assertThrows(
          IllegalArgumentException.class,
          () -> TransactionBuilderBatch.calls(json.replace("ticket #4711", "ticket #4712")));
    }
  }

  @SuppressWarnings("rawtypes") // web3j's Function takes raw Type lists
  private static Bytes32 safeTxHashOnChain(
      ChainConnection chain, io.waypost.core.model.Address safe, SafeTransaction tx)
      throws Exception {
    List<Type> arguments = new ArrayList<>(tx.fields());
    arguments.add(new Uint256(tx.nonce()));
    Function function = new Function("getTransactionHash", arguments, List.of());
    String answer =
        chain
            .web3j()
            .ethCall(
                org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
                    null, safe.value(), FunctionEncoder.encode(function)),
                DefaultBlockParameterName.LATEST)
            .send()
            .getValue();
    return Bytes32.wrap(Numeric.hexStringToByteArray(answer));
  }
}
