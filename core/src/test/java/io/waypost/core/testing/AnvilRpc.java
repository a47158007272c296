package io.waypost.core.testing;

import java.io.IOException;
import java.util.List;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/** anvil's own RPC methods (snapshots, mining control), which web3j has no typed calls for. */
public final class AnvilRpc {

  /** A response whose result we read as plain JSON. */
  public static final class Raw extends Response<Object> {}

  private final Web3jService service;

  public AnvilRpc(String url) {
    this.service = new HttpService(url);
  }

  public String snapshot() throws IOException {
    return String.valueOf(call("evm_snapshot").getResult());
  }

  public void revert(String snapshotId) throws IOException {
    call("evm_revert", snapshotId);
  }

  public void mine(int blocks) throws IOException {
    call("anvil_mine", "0x" + Integer.toHexString(blocks));
  }

  public void setAutomine(boolean on) throws IOException {
    call("evm_setAutomine", on);
  }

  public void setBalance(String address, String weiHex) throws IOException {
    call("anvil_setBalance", address, weiHex);
  }

  public void setCode(String address, String code) throws IOException {
    call("anvil_setCode", address, code);
  }

  public void dropTransaction(String hash) throws IOException {
    call("anvil_dropTransaction", hash);
  }

  private Raw call(String method, Object... params) throws IOException {
    Raw raw = new Request<>(method, List.of(params), service, Raw.class).send();
    if (raw.hasError()) {
      throw new IOException(method + " failed: " + raw.getError().getMessage());
    }
    return raw;
  }
}
