package io.waypost.core.registry;

import io.waypost.contracts.WaypostRegistry;
import io.waypost.core.chain.ChainConnection;
import io.waypost.core.model.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Deploys a registry through the generated wrapper and waits until it is deep enough for a client
 * indexing at the network's confirmation depth to see it, then adds curators when the deployer is
 * the owner. The command line's {@code deploy} and the console's Settings both run it, and both
 * show its {@link Step}s as progress.
 */
public final class RegistryDeployment {

  /** What a deployment asks for. */
  public record Plan(
      Address owner,
      List<Address> curators,
      Optional<DefaultProvider> defaultProvider,
      List<String> services,
      int confirmations) {

    public Plan {
      Objects.requireNonNull(owner, "owner");
      curators = List.copyOf(curators);
      services = List.copyOf(services);
      if (confirmations < 0) {
        throw new IllegalArgumentException("confirmations must be 0 or more");
      }
    }
  }

  /** A provider approved from the start, whom clients trust by default. */
  public record DefaultProvider(Address address, String name, String uri) {}

  /** Where a deployment stands, in the order the steps happen. */
  public sealed interface Step {
    record Sending() implements Step {}

    record Mined(Address registry, long block, String transactionHash) implements Step {}

    record Confirming(long head, long wanted) implements Step {}

    record CuratorAdded(Address curator, String transactionHash) implements Step {}

    record Done(Result result) implements Step {}
  }

  /** A deployed registry. */
  public record Result(
      Address registry, long deploymentBlock, String transactionHash, List<String> curatorTxs) {}

  private final ChainConnection chain;
  private final ExecutorService work;

  public RegistryDeployment(ChainConnection chain, ExecutorService work) {
    this.chain = chain;
    this.work = work;
  }

  /**
   * Checks what can be checked before any transaction: only the owner adds curators, so curators in
   * the plan need the deployer to be the owner.
   */
  public static void check(Plan plan, Address deployer) {
    if (!plan.curators().isEmpty() && !deployer.equals(plan.owner())) {
      throw new IllegalArgumentException(
          "only the owner adds curators, and the deployer "
              + deployer.checksummed()
              + " is not the owner "
              + plan.owner().checksummed()
              + "; add them afterwards, signed by the owner");
    }
  }

  /** Runs the plan, blocking; each step is reported to {@code progress} as it happens. */
  public Result deploy(Plan plan, Credentials deployer, Consumer<Step> progress) throws Exception {
    check(plan, Address.of(deployer.getAddress()));
    progress.accept(new Step.Sending());
    DefaultProvider provider = plan.defaultProvider().orElse(null);
    WaypostRegistry deployed =
        WaypostRegistry.deploy(
                chain.web3j(),
                chain.signer(deployer),
                // Ignored: the account's transaction manager asks the node for gas and fees.
                new StaticGasProvider(BigInteger.ONE, BigInteger.ONE),
                plan.owner().value(),
                provider == null ? Address.ZERO.value() : provider.address().value(),
                provider == null ? "" : provider.name(),
                provider == null ? "" : provider.uri(),
                plan.services())
            .send();
    TransactionReceipt receipt = deployed.getTransactionReceipt().orElseThrow();
    long block = receipt.getBlockNumber().longValueExact();
    Address registry = Address.of(deployed.getContractAddress());
    progress.accept(new Step.Mined(registry, block, receipt.getTransactionHash()));
    awaitDepth(chain.web3j(), block, plan.confirmations(), progress);
    List<String> curatorTxs = new ArrayList<>();
    if (!plan.curators().isEmpty()) {
      var as = new RegistryClient(chain, registry, work).as(deployer);
      for (Address curator : plan.curators()) {
        TxOutcome added = as.addCurator(curator).get();
        awaitDepth(chain.web3j(), added.blockNumber(), plan.confirmations(), progress);
        curatorTxs.add(added.hash());
        progress.accept(new Step.CuratorAdded(curator, added.hash()));
      }
    }
    Result result = new Result(registry, block, receipt.getTransactionHash(), curatorTxs);
    progress.accept(new Step.Done(result));
    return result;
  }

  /**
   * Waits until {@code block} has {@code confirmations} blocks on top (0: mined is enough), the
   * depth a network's index follows the chain at: once this returns, a client indexing at that
   * depth sees the transaction.
   */
  public static void awaitDepth(Web3j web3j, long block, int confirmations)
      throws IOException, InterruptedException {
    awaitDepth(web3j, block, confirmations, step -> {});
  }

  private static void awaitDepth(
      Web3j web3j, long block, int confirmations, Consumer<Step> progress)
      throws IOException, InterruptedException {
    long wanted = block + confirmations;
    long reported = -1;
    while (true) {
      var answer = web3j.ethBlockNumber().send();
      if (answer.hasError()) {
        throw new IOException("the node did not give its head: " + answer.getError().getMessage());
      }
      long head = answer.getBlockNumber().longValueExact();
      if (head >= wanted) {
        return;
      }
      if (head != reported) {
        progress.accept(new Step.Confirming(head, wanted));
        reported = head;
      }
      Thread.sleep(200); // a poll of the head: a block is seconds away, not an event we are sent
    }
  }
}
