package io.waypost.core.discovery.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.waypost.core.discovery.NodeKey;
import io.waypost.core.model.ServiceId;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.MutableBytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordBuilder;
import org.junit.jupiter.api.Test;

class TopicCodecTest {

  static final ServiceId MAIL = ServiceId.of("mailserver");

  static NodeRecord record() {
    return new NodeRecordBuilder()
        .signer(NodeKey.generate(new SecureRandom()).signer())
        .seq(1)
        .address("10.0.0.1", 30303)
        .build();
  }

  List<TopicMessage> samples() {
    NodeRecord enr = record();
    return List.of(
        new TopicMessage.RegTopic(Bytes.of(1, 2), MAIL, enr, Bytes.EMPTY, List.of(256, 255)),
        new TopicMessage.RegTopic(Bytes.of(1), MAIL, enr, Bytes.random(80), List.of()),
        new TopicMessage.RegConfirmation(Bytes.of(3), 1, Bytes.random(90), 123_456),
        new TopicMessage.TopicQuery(Bytes.of(4), MAIL, List.of(250, 249, 1)),
        new TopicMessage.TopicNodes(Bytes.of(5), 2, List.of(enr, record())),
        new TopicMessage.Nodes(Bytes.of(6), 2, List.of(enr)));
  }

  @Test
  void everyMessageRoundTrips() throws Exception {
    for (TopicMessage m : samples()) {
      TopicMessage back = TopicCodec.decode(TopicCodec.encode(m));
      assertEquals(TopicCodec.encode(m), TopicCodec.encode(back), m.getClass().getSimpleName());
    }
    List<TopicMessage> responses = samples().subList(2, 6);
    assertEquals(
        TopicCodec.encodeResponses(responses),
        TopicCodec.encodeResponses(
            TopicCodec.decodeResponses(TopicCodec.encodeResponses(responses))));
  }

  /** Mutated and random payloads only ever raise MalformedMessageException. */
  @Test
  void fuzzedPayloadsAreRefusedCleanly() {
    Random random = new Random(42);
    List<Bytes> seeds = samples().stream().map(TopicCodec::encode).toList();
    for (int i = 0; i < 20_000; i++) {
      Bytes input;
      if (i % 3 == 0) {
        input = Bytes.random(random.nextInt(400), random);
      } else {
        MutableBytes copy = seeds.get(random.nextInt(seeds.size())).mutableCopy();
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips && copy.size() > 0; f++) {
          copy.set(random.nextInt(copy.size()), (byte) random.nextInt(256));
        }
        input = i % 5 == 0 ? copy.slice(0, random.nextInt(copy.size() + 1)) : copy;
      }
      Bytes payload = input;
      try {
        TopicCodec.decode(payload);
      } catch (MalformedMessageException expected) {
        // refused, as it should be
      }
      try {
        TopicCodec.decodeResponses(payload);
      } catch (MalformedMessageException expected) {
        // refused, as it should be
      }
    }
    assertThrows(MalformedMessageException.class, () -> TopicCodec.decode(Bytes.EMPTY));
  }
}
