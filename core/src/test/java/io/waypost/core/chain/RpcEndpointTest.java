package io.waypost.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** An API key in an endpoint's URL never reaches a log, an error or the UI. */
class RpcEndpointTest {

  @Test
  void keysInPathsQueriesAndUserInfoAreHiddenWhenShown() {
    RpcEndpoint infura =
        RpcEndpoint.parse("https://mainnet.infura.io/v3/9aa3d95b3bc440fa88ea12eaa4456161");
    assertEquals("https://mainnet.infura.io/v3/***", infura.toString());
    assertEquals(
        "https://mainnet.infura.io/v3/9aa3d95b3bc440fa88ea12eaa4456161", infura.url(), "kept");

    RpcEndpoint alchemy =
        RpcEndpoint.parse("https://eth-mainnet.g.alchemy.com/v2/Abc123def456ghi789jkl0mn");
    assertEquals("https://eth-mainnet.g.alchemy.com/v2/***", alchemy.toString());

    RpcEndpoint query = RpcEndpoint.parse("https://rpc.example.org/?apikey=s3cr3t&network=main");
    assertEquals("https://rpc.example.org/?apikey=***&network=***", query.toString());

    RpcEndpoint user = RpcEndpoint.parse("https://user:pass@rpc.example.org:8545/");
    assertEquals("https://***@rpc.example.org:8545/", user.toString());
    assertFalse(
        new ChainUnreachableException(infura, new java.io.IOException("refused"))
            .getMessage()
            .contains("9aa3d95b"),
        "errors name the endpoint redacted");

    assertEquals("http://127.0.0.1:8545", RpcEndpoint.parse("http://127.0.0.1:8545").toString());
  }
}
