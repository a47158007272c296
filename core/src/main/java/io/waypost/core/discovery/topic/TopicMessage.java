package io.waypost.core.discovery.topic;

import io.waypost.core.model.ServiceId;
import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * The TopDisc messages of discv5-wire.md (0x07-0x0A) plus NODES (0x04) for auxiliary ENRs, with the
 * spec's fields. {@link TopicCodec} carries them inside TALKREQ/TALKRESP.
 */
public sealed interface TopicMessage {

  byte NODES = 0x04;
  byte REGTOPIC = 0x07;
  byte REGCONFIRMATION = 0x08;
  byte TOPICQUERY = 0x09;
  byte TOPICNODES = 0x0A;

  Bytes requestId();

  byte type();

  /** REGTOPIC: [request-id, topic, ENR, ticket, [topic-distance, ...]]. */
  record RegTopic(
      Bytes requestId, ServiceId topic, NodeRecord enr, Bytes ticket, List<Integer> distances)
      implements TopicMessage {
    public RegTopic {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(enr, "enr");
      distances = List.copyOf(distances);
    }

    @Override
    public byte type() {
      return REGTOPIC;
    }
  }

  /** REGCONFIRMATION: [request-id, total, ticket, wait-time]; empty ticket means admitted. */
  record RegConfirmation(Bytes requestId, int total, Bytes ticket, long waitMillis)
      implements TopicMessage {
    public boolean admitted() {
      return ticket.isEmpty();
    }

    @Override
    public byte type() {
      return REGCONFIRMATION;
    }
  }

  /** TOPICQUERY: [request-id, topic, [topic-distance, ...]]. */
  record TopicQuery(Bytes requestId, ServiceId topic, List<Integer> distances)
      implements TopicMessage {
    public TopicQuery {
      Objects.requireNonNull(topic, "topic");
      distances = List.copyOf(distances);
    }

    @Override
    public byte type() {
      return TOPICQUERY;
    }
  }

  /** TOPICNODES: [request-id, total, [ENR, ...]]: advertisers. */
  record TopicNodes(Bytes requestId, int total, List<NodeRecord> enrs) implements TopicMessage {
    public TopicNodes {
      enrs = List.copyOf(enrs);
    }

    @Override
    public byte type() {
      return TOPICNODES;
    }
  }

  /** NODES: [request-id, total, [ENR, ...]]: auxiliary ENRs, routing hints, not results. */
  record Nodes(Bytes requestId, int total, List<NodeRecord> enrs) implements TopicMessage {
    public Nodes {
      enrs = List.copyOf(enrs);
    }

    @Override
    public byte type() {
      return NODES;
    }
  }
}
