package io.waypost.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.NodeKey;
import io.waypost.core.store.Database;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile typed by a person: every field validated, the wrong one named; stored whole. */
class ProfileInputTest {

  private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  private static final String ENODE =
      "enode://"
          + NodeKey.generate(new SecureRandom()).publicKey().toUnprefixedHexString()
          + "@127.0.0.1:30303";

  @TempDir Path dir;

  @Test
  void aCompleteProfileIsReadAndStoredWithEveryField() {
    ProfileInput typed =
        new ProfileInput(
            "mainnet",
            "https://a.example.org/v3/0123456789abcdef0123\nhttps://b.example.org, wss://c.example.org",
            "1",
            REGISTRY,
            "",
            "3",
            ENODE,
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    NetworkProfile profile = typed.toProfile();
    assertEquals(3, profile.rpcs().size());
    assertEquals(OptionalInt.of(3), profile.confirmations());
    assertEquals(0, profile.deploymentBlock(), "empty: found on connect");
    assertEquals(List.of(ENODE), profile.bootnodes());
    try (Database db = Database.open(dir.resolve("w.db"))) {
      NetworkProfiles profiles = new NetworkProfiles(db, Clock.systemUTC());
      profiles.save(profile);
      assertEquals(profile, profiles.find("mainnet").orElseThrow(), "stored whole (migration V8)");
    }
    assertEquals(profile, ProfileInput.of(profile).toProfile(), "edited back unchanged");
  }

  @Test
  void eachWrongFieldIsNamed() {
    assertTrue(refusal("x", "1", "", "", "").contains("must start with http://"));
    assertTrue(refusal("http://h", "one", "", "", "").contains("chain id must be a number"));
    assertTrue(refusal("http://h", "1", "-1", "", "").contains("confirmation depth"));
    assertTrue(refusal("http://h", "1", "", "enr:-broken", "").contains("bootnode 'enr:-broken'"));
    assertTrue(refusal("http://h", "1", "", "", "0x12").contains("trusted provider '0x12'"));
  }

  private static String refusal(
      String urls, String chainId, String depth, String bootnodes, String trusted) {
    return assertThrows(
            IllegalArgumentException.class,
            () ->
                new ProfileInput("p", urls, chainId, REGISTRY, "", depth, bootnodes, trusted)
                    .toProfile())
        .getMessage();
  }
}
