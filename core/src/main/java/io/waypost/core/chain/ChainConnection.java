package io.waypost.core.chain;

import io.waypost.core.model.Address;
import io.waypost.core.store.Database;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthChainId;

/**
 * A connection to one chain through one endpoint, checked to be the chain it claims: everything
 * that sends or reads goes through here. It keeps one {@link AccountTransactionManager} (and so one
 * nonce manager) per account, which is what keeps concurrent sends from colliding.
 */
public final class ChainConnection implements AutoCloseable {

  private final RpcEndpoint endpoint;
  private final RpcEndpoint.Client client;
  private final Web3j web3j;
  private final long chainId;
  private final TransactionJournal journal;
  private final ContractAbi abi;
  private final JournalReceiptProcessor receipts;
  private final FeeOracle fees;
  private final Map<Address, AccountTransactionManager> signers = new ConcurrentHashMap<>();

  private ChainConnection(
      RpcEndpoint endpoint,
      RpcEndpoint.Client client,
      long chainId,
      TransactionJournal journal,
      ContractAbi abi,
      JournalReceiptProcessor.Polling polling,
      Clock clock) {
    this.endpoint = endpoint;
    this.client = client;
    this.web3j = client.web3j();
    this.chainId = chainId;
    this.journal = journal;
    this.abi = abi;
    this.receipts = new JournalReceiptProcessor(web3j, journal, abi, clock, polling);
    this.fees = new FeeOracle(web3j);
  }

  /**
   * Connects and checks the endpoint's chain id against {@code expectedChainId}.
   *
   * @throws ChainUnreachableException if the endpoint does not answer
   * @throws WrongChainException if it answers for another chain
   */
  public static ChainConnection open(
      RpcEndpoint endpoint,
      long expectedChainId,
      Database database,
      Clock clock,
      JournalReceiptProcessor.Polling polling,
      Duration timeout) {
    return open(java.util.List.of(endpoint), expectedChainId, database, clock, polling, timeout);
  }

  /** The same over several endpoints of the chain, the next tried when one fails. */
  public static ChainConnection open(
      java.util.List<RpcEndpoint> endpoints,
      long expectedChainId,
      Database database,
      Clock clock,
      JournalReceiptProcessor.Polling polling,
      Duration timeout) {
    RpcEndpoint endpoint = endpoints.get(0);
    RpcEndpoint.Client client = RpcEndpoint.open(endpoints, timeout);
    Web3j web3j = client.web3j();
    try {
      EthChainId answer = web3j.ethChainId().send();
      if (answer.hasError()) {
        throw new IllegalStateException(
            "The endpoint "
                + endpoint
                + " did not give its chain id: "
                + answer.getError().getMessage());
      }
      long actual = answer.getChainId().longValueExact();
      if (actual != expectedChainId) {
        throw new WrongChainException(endpoint, expectedChainId, actual);
      }
      return new ChainConnection(
          endpoint,
          client,
          actual,
          new TransactionJournal(database, clock),
          ContractAbi.registry(),
          polling,
          clock);
    } catch (IOException e) {
      client.close();
      throw new ChainUnreachableException(endpoint, e);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * A connection whose endpoints do not answer now, for a client that can still answer from its
   * index: the chain id is taken from the profile (the index it reads was built against a checked
   * connection), every request fails until an endpoint answers again, and the indexer then resumes
   * by itself.
   */
  public static ChainConnection unchecked(
      java.util.List<RpcEndpoint> endpoints,
      long chainId,
      Database database,
      Clock clock,
      JournalReceiptProcessor.Polling polling,
      Duration timeout) {
    RpcEndpoint.Client client = RpcEndpoint.open(endpoints, timeout);
    return new ChainConnection(
        endpoints.get(0),
        client,
        chainId,
        new TransactionJournal(database, clock),
        ContractAbi.registry(),
        polling,
        clock);
  }

  public RpcEndpoint endpoint() {
    return endpoint;
  }

  /** What the endpoints did (requests, 429s, failovers); empty over WebSocket. */
  public java.util.Optional<FailoverRpc.Counts> rpcCounts() {
    return client.http().map(FailoverRpc::counts);
  }

  /** See {@link FailoverRpc#stuckAfter}; nothing over WebSocket. */
  public void headStuckAfter(Duration stuckAfter) {
    client.http().ifPresent(rpc -> rpc.stuckAfter(stuckAfter));
  }

  public Web3j web3j() {
    return web3j;
  }

  public long chainId() {
    return chainId;
  }

  public TransactionJournal journal() {
    return journal;
  }

  public ContractAbi abi() {
    return abi;
  }

  public JournalReceiptProcessor receipts() {
    return receipts;
  }

  /** The transaction manager of an account; the same one for every caller. */
  public AccountTransactionManager signer(Credentials account) {
    Address address = Address.of(account.getAddress());
    return signers.computeIfAbsent(
        address,
        a ->
            new AccountTransactionManager(
                web3j, account, chainId, new NonceManager(web3j, a), fees, journal, abi, receipts));
  }

  /** A manager for reads only; refusals are decoded like any other. */
  public AccountTransactionManager reader() {
    return signer(READER);
  }

  /**
   * Tries a call as {@code from} would make it (an eth_call, nothing sent): a refusal is thrown as
   * the contract's error by name, as a send's would be. For calls another contract (a Safe) makes.
   */
  public void tryCall(Address from, Address to, String data) throws java.io.IOException {
    org.web3j.protocol.core.methods.response.EthCall result =
        web3j
            .ethCall(
                org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
                    from.value(), to.value(), data),
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
            .send();
    if (result.hasError()) {
      String function = abi.decodeCall(data).map(ContractError::name).orElse("call");
      throw Reverts.toException(abi, function, result.getError());
    }
  }

  /** A throwaway identity for eth_call's "from"; it never signs anything. */
  private static final Credentials READER =
      Credentials.create("0x0000000000000000000000000000000000000000000000000000000000000001");

  @Override
  public void close() {
    client.close();
  }
}
