package io.waypost.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustPolicyTest {

  private static final Address STATUS = Address.of("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  private static final Address NIMBUS = Address.of("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

  @TempDir Path dir;

  @Test
  void defaultsToTheProfilesProvidersUntilTheUserChooses() {
    NetworkProfile profile =
        new NetworkProfile(
            "main",
            RpcEndpoint.parse("http://127.0.0.1:8545"),
            1,
            Address.of("0x5fbdb2315678afecb367f032d93f642f64180aa3"),
            0,
            List.of(STATUS),
            List.of());
    try (Database db = Database.open(dir.resolve("w.db"))) {
      TrustPolicy policy = new TrustPolicy(db, Clock.systemUTC());
      assertEquals(Set.of(STATUS), policy.trustedProviders(profile), "Status by default");
      policy.trustProviders(profile, Set.of(NIMBUS));
      assertEquals(Set.of(NIMBUS), policy.trustedProviders(profile));
      policy.trustProviders(profile, Set.of());
      assertTrue(policy.trustedProviders(profile).isEmpty(), "trusting nobody is a choice too");
    }
  }

  @Test
  void customServersAndPinsAreKeptPerService() {
    ServiceId mail = ServiceId.of("mailserver");
    NodeId node = NodeId.fromHex("0x" + "ab".repeat(32));
    try (Database db = Database.open(dir.resolve("w.db"))) {
      TrustPolicy policy = new TrustPolicy(db, Clock.systemUTC());
      policy.addCustomServer(
          new TrustPolicy.CustomServer(
              mail, node, "enr:-abc", "my own", Instant.ofEpochMilli(1000)));
      assertEquals(1, policy.customServers(mail).size());
      assertTrue(policy.customServers(ServiceId.of("push-notification")).isEmpty());
      policy.pin(mail, Optional.of(node));
      assertEquals(Optional.of(node), policy.pinned(mail));
      policy.pin(mail, Optional.empty());
      assertTrue(policy.pinned(mail).isEmpty());
      assertTrue(policy.removeCustomServer(mail, node));
    }
  }
}
