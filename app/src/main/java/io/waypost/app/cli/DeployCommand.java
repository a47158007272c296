package io.waypost.app.cli;

import io.waypost.contracts.WaypostRegistry;
import io.waypost.core.chain.ChainConnection;
import io.waypost.core.chain.JournalReceiptProcessor;
import io.waypost.core.model.Address;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.network.NetworkProfiles;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.registry.TxOutcome;
import io.waypost.core.store.Database;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.gas.StaticGasProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Deploys a registry through the generated wrapper, waits for the confirmations, and saves a
 * network profile for it, so that every other command can name it with {@code --network}.
 */
@Command(
    name = "deploy",
    description =
        "Deploy a registry: prints its address, deployment block and transaction hash, and can"
            + " save it as a network.")
final class DeployCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin TxOptions tx;

  @Option(
      names = "--owner",
      required = true,
      paramLabel = "0x…",
      converter = Values.AddressValue.class,
      description = "The registry's owner (may differ from the deploying account).")
  Address owner;

  @Option(
      names = "--curator",
      paramLabel = "0x…",
      converter = Values.AddressValue.class,
      description =
          "A curator to add right after deploying (repeatable); only when the deployer is the"
              + " owner, since the owner adds curators.")
  List<Address> curators = new ArrayList<>();

  @Option(
      names = "--default-provider",
      paramLabel = "0x…",
      converter = Values.AddressValue.class,
      description = "A provider approved from the start (clients trust it by default).")
  Address defaultProvider;

  @Option(
      names = "--default-provider-name",
      paramLabel = "NAME",
      description = "The default provider's name.")
  String defaultProviderName;

  @Option(
      names = "--default-provider-uri",
      paramLabel = "URI",
      description = "The default provider's contact page.")
  String defaultProviderUri;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description = "A service the registry knows from the start (repeatable), e.g. mailserver.")
  List<String> services = new ArrayList<>();

  @Option(
      names = "--save-network",
      paramLabel = "NAME",
      description = "Save the deployment as a network profile of this name.")
  String saveAs;

  @Option(
      names = "--bootnode",
      paramLabel = "RECORD",
      converter = Values.RecordValue.class,
      description = "A discovery bootnode to save with the network (repeatable).")
  List<String> bootnodes = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    tx.chain.check(false);
    tx.signer.check();
    if (tx.chain.registry != null || tx.chain.network != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--registry/--network: deploy makes a new registry; give --rpc and --chain-id");
    }
    boolean anyDefault =
        defaultProvider != null || defaultProviderName != null || defaultProviderUri != null;
    if (anyDefault
        && (defaultProvider == null || defaultProviderName == null || defaultProviderUri == null)) {
      throw new ParameterException(
          spec.commandLine(),
          "--default-provider, --default-provider-name and --default-provider-uri go together");
    }
    if (saveAs != null) {
      checkNewProfileName();
    }
    Credentials deployer = tx.signer.unlock();
    if (!curators.isEmpty() && !Address.of(deployer.getAddress()).equals(owner)) {
      throw new ParameterException(
          spec.commandLine(),
          "--curator: only the owner adds curators, and the deployer "
              + Address.of(deployer.getAddress()).checksummed()
              + " is not --owner; add them afterwards with `waypost owner add-curator`, signed by"
              + " the owner");
    }
    ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    try (Database database = Database.open(tx.chain.store());
        ChainConnection chain =
            ChainConnection.open(
                tx.chain.rpc,
                tx.chain.chainId,
                database,
                Clock.systemUTC(),
                JournalReceiptProcessor.Polling.network(),
                Duration.ofSeconds(15))) {
      // Like every entry point: what an earlier run left unfinished on this chain is watched to
      // its end (re-sent if the node lost it) while the deployment goes on.
      io.waypost.core.chain.PendingTransactions.of(chain).resume(work);
      WaypostRegistry deployed =
          WaypostRegistry.deploy(
                  chain.web3j(),
                  chain.signer(deployer),
                  // Ignored: the account's transaction manager asks the node for gas and fees.
                  new StaticGasProvider(BigInteger.ONE, BigInteger.ONE),
                  owner.value(),
                  defaultProvider == null ? Address.ZERO.value() : defaultProvider.value(),
                  defaultProviderName == null ? "" : defaultProviderName,
                  defaultProviderUri == null ? "" : defaultProviderUri,
                  services)
              .send();
      TransactionReceipt receipt = deployed.getTransactionReceipt().orElseThrow();
      long block = receipt.getBlockNumber().longValueExact();
      Address registry = Address.of(deployed.getContractAddress());
      ChainContext.awaitDepth(chain.web3j(), block, tx.confirmations());
      List<String> curatorTxs = new ArrayList<>();
      if (!curators.isEmpty()) {
        var as = new RegistryClient(chain, registry, work).as(deployer);
        for (Address curator : curators) {
          TxOutcome added = as.addCurator(curator).get();
          ChainContext.awaitDepth(chain.web3j(), added.blockNumber(), tx.confirmations());
          curatorTxs.add(added.hash());
        }
      }
      if (saveAs != null) {
        new NetworkProfiles(database, Clock.systemUTC())
            .save(
                new NetworkProfile(
                    saveAs,
                    tx.chain.rpc,
                    tx.chain.chainId,
                    registry,
                    block,
                    defaultProvider == null ? List.of() : List.of(defaultProvider),
                    bootnodes));
      }
      print(registry, block, receipt.getTransactionHash(), curatorTxs);
      return 0;
    } finally {
      work.shutdownNow();
    }
  }

  /** A valid name not yet taken: checked before deploying, so a deployment is never unsaved. */
  private void checkNewProfileName() {
    try {
      new NetworkProfile(
          saveAs,
          tx.chain.rpc,
          tx.chain.chainId,
          Address.of("0x" + "1".repeat(40)),
          0,
          List.of(),
          List.of());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--save-network: " + e.getMessage());
    }
    if (NetworkProfile.DEVNET.equals(saveAs)) {
      throw new ParameterException(
          spec.commandLine(), "--save-network: 'devnet' is the embedded devnet's name");
    }
    if (Files.exists(tx.chain.store())) {
      try (Database database = Database.open(tx.chain.store())) {
        if (new NetworkProfiles(database, Clock.systemUTC()).find(saveAs).isPresent()) {
          throw new ParameterException(
              spec.commandLine(),
              "--save-network: a network named '"
                  + saveAs
                  + "' exists; remove it first (`waypost network remove "
                  + saveAs
                  + "`) or choose another name");
        }
      }
    }
  }

  private void print(Address registry, long block, String hash, List<String> curatorTxs) {
    PrintWriter out = spec.commandLine().getOut();
    if (tx.json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("registry", registry.checksummed());
      result.put("deploymentBlock", block);
      result.put("transactionHash", hash);
      result.put("chainId", tx.chain.chainId);
      result.put("owner", owner.checksummed());
      result.put("curatorTransactions", curatorTxs);
      result.put("network", saveAs);
      result.put("confirmations", tx.confirmations());
      out.println(Json.write(result));
    } else {
      out.println("registry          " + registry.checksummed());
      out.println("deployment block  " + block);
      out.println("transaction       " + hash);
      out.println("owner             " + owner.checksummed());
      curatorTxs.forEach(h -> out.println("curator added in  " + h));
      if (saveAs != null) {
        out.println("saved as network  " + saveAs + " (use --network " + saveAs + ")");
      }
    }
    out.flush();
  }
}
