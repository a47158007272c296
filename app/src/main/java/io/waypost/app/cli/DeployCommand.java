package io.waypost.app.cli;

import io.waypost.core.chain.ChainConnection;
import io.waypost.core.chain.JournalReceiptProcessor;
import io.waypost.core.model.Address;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.network.NetworkProfiles;
import io.waypost.core.registry.RegistryDeployment;
import io.waypost.core.store.Database;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
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

  private static final Logger LOG = LoggerFactory.getLogger(DeployCommand.class);

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
    RegistryDeployment.Plan plan =
        new RegistryDeployment.Plan(
            owner,
            curators,
            defaultProvider == null
                ? Optional.empty()
                : Optional.of(
                    new RegistryDeployment.DefaultProvider(
                        defaultProvider, defaultProviderName, defaultProviderUri)),
            services,
            tx.confirmations());
    try {
      RegistryDeployment.check(plan, Address.of(deployer.getAddress()));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--curator: " + e.getMessage() + " (`waypost owner add-curator`)");
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
      RegistryDeployment.Result deployed =
          new RegistryDeployment(chain, work).deploy(plan, deployer, this::log);
      Address registry = deployed.registry();
      long block = deployed.deploymentBlock();
      List<String> curatorTxs = deployed.curatorTxs();
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
      print(registry, block, deployed.transactionHash(), curatorTxs);
      return 0;
    } finally {
      work.shutdownNow();
    }
  }

  /** Progress goes to the log (stderr), so that stdout keeps only the answer. */
  private void log(RegistryDeployment.Step step) {
    switch (step) {
      case RegistryDeployment.Step.Sending s -> LOG.info("Sending the deployment transaction");
      case RegistryDeployment.Step.Mined m ->
          LOG.info("Registry {} mined in block {}", m.registry().checksummed(), m.block());
      case RegistryDeployment.Step.Confirming c ->
          LOG.info("Waiting for confirmations: head {}, want {}", c.head(), c.wanted());
      case RegistryDeployment.Step.CuratorAdded a ->
          LOG.info("Curator {} added", a.curator().checksummed());
      case RegistryDeployment.Step.Done d -> {}
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
