package io.waypost.core.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.LocalNetwork;
import io.waypost.core.discovery.SearchResult;
import io.waypost.core.model.ServiceId;
import io.waypost.core.testing.Eventually;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devnet's discovery network places every advertiser's topic ads within a minute or so, so a
 * topic search finds all its mail nodes. With the spec's 15-minute ad lifetime, each registrar made
 * every mail advertiser after the first wait about that long (and on loopback twice as long), and a
 * search found only the few that had come first.
 */
@Timeout(180)
class DevnetDiscoveryTest {

  static final ServiceId MAIL = ServiceId.of("mailserver");

  @TempDir Path keys;

  @Test
  void aTopicSearchFindsEveryMailNodeOfTheDevnet() throws Exception {
    List<DevnetDiscovery.Member> members = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      members.add(
          new DevnetDiscovery.Member(
              "mail-" + i, keys.resolve("mail-" + i), List.of("mailserver")));
    }
    for (int i = 1; i <= 2; i++) {
      members.add(
          new DevnetDiscovery.Member(
              "push-" + i, keys.resolve("push-" + i), List.of("push-notification")));
    }
    try (DevnetDiscovery network = DevnetDiscovery.startMembers(members, Clock.systemUTC());
        DiscoveryNode searcher = searcher(network)) {
      searcher.start().join();
      Set<Bytes> mail =
          network.nodes().entrySet().stream()
              .filter(e -> e.getKey().startsWith("mail-"))
              .map(e -> e.getValue().localRecord().getNodeId())
              .collect(Collectors.toSet());
      AtomicReference<SearchResult> last = new AtomicReference<>();
      Eventually.await(
          () -> "a topic search finds all 8 mail nodes (the last found " + last.get() + ")",
          Duration.ofSeconds(90),
          () -> {
            last.set(searcher.searchByTopic(MAIL, 30).join());
            return last.get().found().size() == mail.size();
          });
      assertEquals(
          mail,
          last.get().found().stream().map(r -> r.getNodeId()).collect(Collectors.toSet()),
          "the mail nodes, and only they");
    }
  }

  private static DiscoveryNode searcher(DevnetDiscovery network) {
    return LocalNetwork.clientOf(network.bootnode())
        .registrar(false)
        .requestTimeout(Duration.ofMillis(1500))
        .recursiveLookupInterval(Duration.ofSeconds(1))
        .build();
  }
}
