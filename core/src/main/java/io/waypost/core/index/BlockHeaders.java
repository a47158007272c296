package io.waypost.core.index;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;

/** Block hashes and timestamps, fetched in JSON-RPC batches so a page costs one request. */
final class BlockHeaders {

  record Header(long number, String hash, Instant timestamp) {}

  /** Endpoints cap batch sizes; this stays under the common limits. */
  private static final int BATCH = 500;

  private final Web3j web3j;
  private final AtomicLong rpcCalls;

  BlockHeaders(Web3j web3j, AtomicLong rpcCalls) {
    this.web3j = web3j;
    this.rpcCalls = rpcCalls;
  }

  Map<Long, Header> fetch(Collection<Long> numbers) throws IOException {
    List<Long> wanted = List.copyOf(new TreeSet<>(numbers));
    Map<Long, Header> out = new HashMap<>();
    for (int i = 0; i < wanted.size(); i += BATCH) {
      List<Long> chunk = wanted.subList(i, Math.min(wanted.size(), i + BATCH));
      BatchRequest batch = web3j.newBatch();
      for (long number : chunk) {
        batch.add(
            web3j.ethGetBlockByNumber(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false));
      }
      rpcCalls.incrementAndGet();
      BatchResponse responses = batch.send();
      for (Response<?> response : responses.getResponses()) {
        EthBlock block = (EthBlock) response;
        if (block.hasError() || block.getBlock() == null) {
          throw new IOException(
              "A block the index needs is missing from the endpoint"
                  + (block.hasError() ? ": " + block.getError().getMessage() : ""));
        }
        Header header = header(block.getBlock());
        out.put(header.number(), header);
      }
    }
    return out;
  }

  /** One header, or null if the chain has no such block (any more). */
  Header one(long number) throws IOException {
    rpcCalls.incrementAndGet();
    EthBlock block =
        web3j
            .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
            .send();
    return block.getBlock() == null ? null : header(block.getBlock());
  }

  private static Header header(EthBlock.Block block) {
    return new Header(
        block.getNumber().longValueExact(),
        block.getHash(),
        Instant.ofEpochSecond(block.getTimestamp().longValueExact()));
  }
}
