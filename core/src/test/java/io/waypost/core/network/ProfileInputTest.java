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
  void nodeListsAndTheCapabilityMapAreReadStoredAndEditedBack() {
    String tree =
        new io.waypost.core.discovery.dns.EnrTreeUrl(
                NodeKey.generate(new SecureRandom()).compressedPublicKey(), "nodes.example.org")
            .toString();
    ProfileInput typed =
        new ProfileInput(
            "waku",
            "https://a.example.org",
            "1",
            REGISTRY,
            "",
            "",
            "",
            "",
            tree + "\n" + tree,
            "waku2.store=mailserver\nwaku2.lightpush = push");
    NetworkProfile profile = typed.toProfile();
    assertEquals(1, profile.enrTrees().size(), "a list given twice is read once");
    assertEquals(tree, profile.enrTrees().get(0).toString());
    assertEquals("waku2.store=mailserver,waku2.lightpush=push", profile.capabilities().toString());
    try (Database db = Database.open(dir.resolve("w.db"))) {
      NetworkProfiles profiles = new NetworkProfiles(db, Clock.systemUTC());
      profiles.save(profile);
      assertEquals(profile, profiles.find("waku").orElseThrow(), "stored whole (migration V9)");
      NetworkProfile nothingMapped =
          profile.withDnsDiscovery(List.of(), io.waypost.core.discovery.enr.CapabilityMap.none());
      profiles.save(nothingMapped);
      assertEquals(nothingMapped, profiles.find("waku").orElseThrow(), "an empty map stays empty");
    }
    assertEquals(profile, ProfileInput.of(profile).toProfile(), "edited back unchanged");
    NetworkProfile older =
        new ProfileInput("old", "https://a.example.org", "1", REGISTRY, "", "", "", "").toProfile();
    assertEquals(
        io.waypost.core.discovery.enr.CapabilityMap.defaults(),
        older.capabilities(),
        "default: the waku2 store bit means mailserver");
  }

  @Test
  void aBadNodeListOrCapabilityIsNamed() {
    String badTree =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new ProfileInput(
                            "p", "http://h", "1", REGISTRY, "", "", "", "", "https://x.org", "")
                        .toProfile())
            .getMessage();
    assertTrue(badTree.contains("node list 'https://x.org' is refused"), badTree);
    String badMap =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new ProfileInput(
                            "p", "http://h", "1", REGISTRY, "", "", "", "", "", "waku2.swim=x")
                        .toProfile())
            .getMessage();
    assertTrue(badMap.contains("capability map is refused: unknown capability"), badMap);
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
