package io.waypost.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.topic.TopDiscCapability;
import io.waypost.core.discovery.topic.TopicCodec;
import io.waypost.core.discovery.topic.TopicMessage;
import io.waypost.core.discovery.topic.TopicParameters;
import io.waypost.core.model.ServiceId;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordBuilder;
import org.junit.jupiter.api.Test;

/**
 * The spoofed-IP flood on real UDP: one host with one key re-signs its record with a different
 * claimed IP for every topic and registers each with a real registrar, honouring every waiting
 * time. On main before this change the registrar counted the claimed IPs and admitted 5.7x its
 * per-IP cap; it must count the address the packets came from.
 */
class SpoofedIpFloodTest {

  @Test
  void theRegistrarCountsThePacketsSourceNotTheClaimedIp() throws Exception {
    int cap = 4;
    TopicParameters parameters =
        TopicParameters.defaults().withAdLifetime(Duration.ofSeconds(2)).withCapacity(1000, cap);
    SecureRandom random = new SecureRandom();
    try (LocalNetwork network = new LocalNetwork(parameters)) {
      DiscoveryNode registrar = network.add(network.builder(LocalNetwork.nextAddress()));
      String attackerHost = LocalNetwork.nextAddress();
      NodeKey attackerKey = NodeKey.generate(random);
      DiscoveryNode attacker = network.add(network.builder(attackerHost).nodeKey(attackerKey));
      NodeRecord target = registrar.localRecord();

      int topics = 3 * cap;
      Map<Integer, Bytes> tickets = new HashMap<>();
      Map<Integer, Long> dueAt = new HashMap<>();
      List<NodeRecord> claimed = new ArrayList<>();
      for (int i = 0; i < topics; i++) {
        claimed.add(
            new NodeRecordBuilder()
                .signer(attackerKey.signer())
                .seq(2 + i)
                .address("10." + (1 + i) + "." + random.nextInt(250) + ".7", 30303)
                .customField(TopDiscCapability.KEY, TopDiscCapability.VERSION_1)
                .build());
        tickets.put(i, Bytes.EMPTY);
        dueAt.put(i, 0L);
      }
      InetAddress source = InetAddress.getByName(attackerHost);
      int admitted = 0;
      long end = System.currentTimeMillis() + 4 * parameters.adLifetime().toMillis();
      while (System.currentTimeMillis() < end && !dueAt.isEmpty()) {
        for (Map.Entry<Integer, Long> due : new ArrayList<>(dueAt.entrySet())) {
          if (due.getValue() > System.currentTimeMillis()) {
            continue;
          }
          int i = due.getKey();
          TopicMessage.RegTopic reg =
              new TopicMessage.RegTopic(
                  Bytes.of(i),
                  ServiceId.of("topic-" + i),
                  claimed.get(i),
                  tickets.get(i),
                  List.of());
          Bytes answer = attacker.talk(target, TopicCodec.PROTOCOL, TopicCodec.encode(reg)).join();
          TopicMessage.RegConfirmation c =
              (TopicMessage.RegConfirmation) TopicCodec.decodeResponses(answer).get(0);
          if (c.admitted()) {
            admitted++;
            dueAt.remove(i);
            // Checked while the ad is held (they live only E = 2 s here).
            int held = registrar.registrar().adCount();
            assertEquals(
                held,
                registrar.registrar().adCountFromIp(source),
                "every ad is counted against the address the packets came from");
            assertTrue(held <= cap, "the per-IP cap holds: " + held + " ads from one host");
          } else {
            tickets.put(i, c.ticket());
            dueAt.put(i, System.currentTimeMillis() + c.waitMillis());
          }
        }
        Thread.sleep(20); // a poll interval between retries, not a wait for an event
      }
      assertTrue(admitted >= 1, "the flood reached the registrar");
    }
  }
}
