package io.waypost.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.devnet.Devnet;
import io.waypost.core.model.Address;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.network.NetworkProfiles;
import io.waypost.core.registry.NotARegistryException;
import io.waypost.core.registry.RegistryClient;
import io.waypost.core.testing.AnvilRpc;
import io.waypost.core.testing.DevnetFixture;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets an error that names the problem, and nothing is written. */
class BadInputTest {

  @TempDir Path dataDir;

  @Test
  void malformedRpcUrlsAreRefusedWithTheirProblem() {
    assertRefused("", "The RPC URL is empty");
    assertRefused("localhost:8545", "must start with http://, https://, ws:// or wss://");
    assertRefused("ftp://example.org", "(not ftp://)");
    assertRefused("http://", "malformed");
    assertRefused("http://node.example:99999", "invalid port 99999");
    assertRefused("http://exa mple.org", "malformed");
    assertEquals(
        "https://rpc.example.org/v1", RpcEndpoint.parse(" https://rpc.example.org/v1 ").toString());
  }

  @Test
  void badProfilesAreRefusedAndNothingIsStored() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      NetworkProfiles profiles = new NetworkProfiles(f.database, Clock.systemUTC());
      RpcEndpoint rpc = RpcEndpoint.parse("http://127.0.0.1:8545");
      Address registry = f.devnet.registry().address();
      IllegalArgumentException noName =
          assertThrows(
              IllegalArgumentException.class,
              () -> new NetworkProfile("", rpc, 1, registry, 0, List.of(), List.of()));
      assertTrue(noName.getMessage().contains("profile name"));
      IllegalArgumentException badChain =
          assertThrows(
              IllegalArgumentException.class,
              () -> new NetworkProfile("main", rpc, 0, registry, 0, List.of(), List.of()));
      assertTrue(badChain.getMessage().contains("chain id"));
      IllegalArgumentException badBootnode =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new NetworkProfile(
                      "main", rpc, 1, registry, 0, List.of(), List.of("10.0.0.1:30303")));
      assertTrue(badBootnode.getMessage().contains("enr:"));
      IllegalArgumentException reserved =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  profiles.save(
                      new NetworkProfile("devnet", rpc, 1, registry, 0, List.of(), List.of())));
      assertTrue(reserved.getMessage().contains("embedded devnet"));
      assertTrue(profiles.list().isEmpty(), "nothing stored");
    }
  }

  @Test
  void wrongChainIdIsRefusedOnConnect() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      WrongChainException wrong =
          assertThrows(
              WrongChainException.class,
              () ->
                  ChainConnection.open(
                      f.devnet.profile().rpc(),
                      1,
                      f.database,
                      Clock.systemUTC(),
                      JournalReceiptProcessor.Polling.devnet(),
                      Duration.ofSeconds(2)));
      assertTrue(wrong.getMessage().contains("serves chain id 31337"), wrong.getMessage());
      assertTrue(wrong.getMessage().contains("expects chain id 1"), wrong.getMessage());
    }
  }

  @Test
  void anUnreachableEndpointSaysSo() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    try (var db = io.waypost.core.store.Database.open(dataDir.resolve("w.db"))) {
      RpcEndpoint nowhere = RpcEndpoint.parse("http://127.0.0.1:" + closedPort);
      ChainUnreachableException down =
          assertThrows(
              ChainUnreachableException.class,
              () ->
                  ChainConnection.open(
                      nowhere,
                      31337,
                      db,
                      Clock.systemUTC(),
                      JournalReceiptProcessor.Polling.devnet(),
                      Duration.ofSeconds(2)));
      assertTrue(
          down.getMessage().contains(nowhere.toString())
              && down.getMessage().contains("unreachable"));
    }
  }

  @Test
  void anAddressWithoutTheRegistrysCodeIsRefused() throws Exception {
    try (DevnetFixture f = new DevnetFixture(dataDir)) {
      Address empty = Devnet.accounts().get(5).address();
      NotARegistryException none =
          assertThrows(
              NotARegistryException.class,
              () -> RegistryClient.connect(f.devnet.chain(), empty, f.executor));
      assertTrue(none.getMessage().contains("there is no contract there"), none.getMessage());

      Address other = Address.of("0x000000000000000000000000000000000000beef");
      new AnvilRpc(f.devnet.profile().rpc().toString()).setCode(other.value(), "0x6001600055");
      NotARegistryException wrong =
          assertThrows(
              NotARegistryException.class,
              () -> RegistryClient.connect(f.devnet.chain(), other, f.executor));
      assertTrue(
          wrong.getMessage().contains("does not hold the Waypost registry"), wrong.getMessage());

      RegistryClient.connect(f.devnet.chain(), f.devnet.registry().address(), f.executor);
    }
  }

  private static void assertRefused(String url, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RpcEndpoint.parse(url));
    assertTrue(e.getMessage().contains(expected), url + " -> " + e.getMessage());
  }
}
