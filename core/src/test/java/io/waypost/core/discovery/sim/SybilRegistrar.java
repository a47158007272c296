package io.waypost.core.discovery.sim;

import io.waypost.core.discovery.talk.TalkProtocol;
import io.waypost.core.discovery.topic.MalformedMessageException;
import io.waypost.core.discovery.topic.TopicCodec;
import io.waypost.core.discovery.topic.TopicMessage;
import io.waypost.core.discovery.topic.TopicParameters;
import io.waypost.core.model.ServiceId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.util.Functions;

/**
 * An attacker's answer to TopDisc requests (DISC-NG's eclipse attack): a TOPICQUERY for the
 * attacked topic gets only colluding ads, and its auxiliary ENRs point only at other attackers, one
 * per hinted distance, to keep the searcher inside the Sybil set; a REGTOPIC is "admitted" at once
 * and forgotten, so honest advertisers waste a placement on it. Same wire format and packet budget
 * as the honest registrar, so a searcher cannot tell them apart by shape.
 */
final class SybilRegistrar implements TalkProtocol {

  private static final int RESPONSE_BUDGET = 1100;

  private final ServiceId attacked;
  private final List<NodeRecord> colluders;
  private final Map<Integer, List<NodeRecord>> byDistance = new HashMap<>();
  private final TopicParameters parameters;
  private final Random random;

  SybilRegistrar(
      ServiceId attacked, List<NodeRecord> colluders, TopicParameters parameters, Random random) {
    this.attacked = attacked;
    this.colluders = colluders;
    this.parameters = parameters;
    this.random = random;
    for (NodeRecord c : colluders) {
      byDistance
          .computeIfAbsent(
              Functions.logDistance(attacked.value(), c.getNodeId()), d -> new ArrayList<>())
          .add(c);
    }
  }

  @Override
  public CompletableFuture<Bytes> handle(NodeRecord source, Bytes request) {
    try {
      List<TopicMessage> out = new ArrayList<>();
      switch (TopicCodec.decode(request)) {
        case TopicMessage.TopicQuery q -> {
          List<NodeRecord> aux = auxiliary(q.topic(), q.distances());
          int used = 64 + aux.stream().mapToInt(r -> r.serialize().size()).sum();
          List<NodeRecord> ads = new ArrayList<>();
          if (q.topic().equals(attacked)) {
            List<NodeRecord> shuffled = new ArrayList<>(colluders);
            Collections.shuffle(shuffled, random);
            for (NodeRecord ad : shuffled) {
              int size = ad.serialize().size();
              if (ads.size() == parameters.fReturn() || used + size > RESPONSE_BUDGET) {
                break;
              }
              used += size;
              ads.add(ad);
            }
          }
          int total = aux.isEmpty() ? 1 : 2;
          out.add(new TopicMessage.TopicNodes(q.requestId(), total, ads));
          if (!aux.isEmpty()) {
            out.add(new TopicMessage.Nodes(q.requestId(), total, aux));
          }
        }
        case TopicMessage.RegTopic r -> {
          List<NodeRecord> aux = auxiliary(r.topic(), r.distances());
          int total = aux.isEmpty() ? 1 : 2;
          out.add(
              new TopicMessage.RegConfirmation(
                  r.requestId(), total, Bytes.EMPTY, parameters.adLifetime().toMillis()));
          if (!aux.isEmpty()) {
            out.add(new TopicMessage.Nodes(r.requestId(), total, aux));
          }
        }
        default -> {}
      }
      return CompletableFuture.completedFuture(
          out.isEmpty() ? Bytes.EMPTY : TopicCodec.encodeResponses(out));
    } catch (MalformedMessageException e) {
      return CompletableFuture.completedFuture(Bytes.EMPTY);
    }
  }

  private List<NodeRecord> auxiliary(ServiceId topic, List<Integer> distances) {
    List<NodeRecord> out = new ArrayList<>();
    if (!topic.equals(attacked)) {
      return out;
    }
    int used = 0;
    for (int d : distances) {
      List<NodeRecord> at = byDistance.get(d);
      if (at != null && out.size() < 3) {
        NodeRecord pick = at.get(random.nextInt(at.size()));
        if (used + pick.serialize().size() > RESPONSE_BUDGET / 2) {
          break;
        }
        used += pick.serialize().size();
        out.add(pick);
      }
    }
    return out;
  }
}
