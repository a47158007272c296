package io.waypost.core.discovery.topic;

import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.model.ServiceId;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPReader;
import org.apache.tuweni.rlp.RLPWriter;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordFactory;

/**
 * Wire mapping of TopDisc onto TALKREQ/TALKRESP (docs/discovery.md, "Wire mapping"):
 *
 * <pre>
 * TALKREQ  protocol = "wp-topdisc/1", request  = message
 * TALKRESP response = RLP([message, ...])      (all responses to the request, in order)
 * message  = message-type (1 byte) || RLP(message-data)   (as in discv5-wire.md)
 * </pre>
 *
 * Decoding is strict and bounded: every list has a size limit, every ENR is validated, and any
 * violation is a {@link MalformedMessageException}; nothing else is thrown for any input.
 */
public final class TopicCodec {

  public static final Bytes PROTOCOL = Bytes.wrap("wp-topdisc/1".getBytes());
  static final int MAX_DISTANCES = 256;
  static final int MAX_ENRS = 16;
  static final int MAX_TICKET = 256;
  static final int MAX_REQUEST_ID = 8;
  static final int MAX_MESSAGES = 4;

  private TopicCodec() {}

  public static Bytes encode(TopicMessage message) {
    Bytes data =
        switch (message) {
          case TopicMessage.RegTopic m ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(m.requestId());
                    w.writeValue(m.topic().value());
                    w.writeRLP(m.enr().serialize());
                    w.writeValue(m.ticket());
                    writeDistances(w, m.distances());
                  });
          case TopicMessage.RegConfirmation m ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(m.requestId());
                    w.writeInt(m.total());
                    w.writeValue(m.ticket());
                    w.writeLong(m.waitMillis());
                  });
          case TopicMessage.TopicQuery m ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(m.requestId());
                    w.writeValue(m.topic().value());
                    writeDistances(w, m.distances());
                  });
          case TopicMessage.TopicNodes m -> encodeNodes(m.requestId(), m.total(), m.enrs());
          case TopicMessage.Nodes m -> encodeNodes(m.requestId(), m.total(), m.enrs());
        };
    return Bytes.concatenate(Bytes.of(message.type()), data);
  }

  /** A TALKRESP payload: all responses to one request. */
  public static Bytes encodeResponses(List<TopicMessage> messages) {
    return RLP.encodeList(w -> messages.forEach(m -> w.writeValue(encode(m))));
  }

  public static List<TopicMessage> decodeResponses(Bytes payload) throws MalformedMessageException {
    List<Bytes> raw;
    try {
      raw =
          RLP.decodeList(
              payload,
              r -> {
                List<Bytes> items = new ArrayList<>();
                while (!r.isComplete()) {
                  if (items.size() == MAX_MESSAGES) {
                    throw new IllegalArgumentException("more than " + MAX_MESSAGES + " responses");
                  }
                  items.add(r.readValue());
                }
                return items;
              });
    } catch (RuntimeException e) {
      throw new MalformedMessageException("bad response list: " + e.getMessage());
    }
    List<TopicMessage> messages = new ArrayList<>(raw.size());
    for (Bytes item : raw) {
      messages.add(decode(item));
    }
    return messages;
  }

  public static TopicMessage decode(Bytes message) throws MalformedMessageException {
    if (message.isEmpty()) {
      throw new MalformedMessageException("empty message");
    }
    byte type = message.get(0);
    Bytes data = message.slice(1);
    List<NodeRecord> enrsRaw = new ArrayList<>();
    TopicMessage decoded;
    try {
      decoded =
          switch (type) {
            case TopicMessage.REGTOPIC -> {
              TopicMessage.RegTopic m =
                  RLP.decodeList(
                      data,
                      r -> {
                        Bytes requestId = requestId(r);
                        ServiceId topic = topic(r);
                        NodeRecord enr = readRecord(r);
                        Bytes ticket = bounded(r.readValue(), MAX_TICKET, "ticket");
                        List<Integer> distances = readDistances(r);
                        complete(r);
                        return new TopicMessage.RegTopic(requestId, topic, enr, ticket, distances);
                      });
              validate(m.enr());
              yield m;
            }
            case TopicMessage.REGCONFIRMATION ->
                RLP.decodeList(
                    data,
                    r -> {
                      Bytes requestId = requestId(r);
                      int total = r.readInt();
                      Bytes ticket = bounded(r.readValue(), MAX_TICKET, "ticket");
                      long wait = r.readLong();
                      if (wait < 0 || total < 0) {
                        throw new IllegalArgumentException("negative value");
                      }
                      complete(r);
                      return new TopicMessage.RegConfirmation(requestId, total, ticket, wait);
                    });
            case TopicMessage.TOPICQUERY ->
                RLP.decodeList(
                    data,
                    r -> {
                      Bytes requestId = requestId(r);
                      ServiceId topic = topic(r);
                      List<Integer> distances = readDistances(r);
                      complete(r);
                      return new TopicMessage.TopicQuery(requestId, topic, distances);
                    });
            case TopicMessage.TOPICNODES, TopicMessage.NODES -> {
              int[] total = new int[1];
              Bytes requestId =
                  RLP.decodeList(
                      data,
                      r -> {
                        Bytes id = requestId(r);
                        total[0] = r.readInt();
                        r.readList(
                            l -> {
                              while (!l.isComplete()) {
                                if (enrsRaw.size() == MAX_ENRS) {
                                  throw new IllegalArgumentException("too many ENRs");
                                }
                                enrsRaw.add(readRecord(l));
                              }
                              return null;
                            });
                        complete(r);
                        return id;
                      });
              List<NodeRecord> records = new ArrayList<>();
              for (NodeRecord raw : enrsRaw) {
                records.add(validate(raw));
              }
              yield type == TopicMessage.NODES
                  ? new TopicMessage.Nodes(requestId, total[0], records)
                  : new TopicMessage.TopicNodes(requestId, total[0], records);
            }
            default -> throw new MalformedMessageException("unknown message type " + type);
          };
    } catch (MalformedMessageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MalformedMessageException("bad message 0x" + Integer.toHexString(type & 0xff));
    }
    return decoded;
  }

  private static NodeRecord validate(NodeRecord record) throws MalformedMessageException {
    try {
      return NodeRecords.validate(record);
    } catch (InvalidRecordException e) {
      throw new MalformedMessageException("bad ENR: " + e.getMessage());
    }
  }

  private static NodeRecord readRecord(RLPReader r) {
    if (!r.nextIsList()) {
      throw new IllegalArgumentException("ENR must be a list");
    }
    return NodeRecordFactory.DEFAULT.fromRlp(r);
  }

  private static Bytes requestId(RLPReader r) {
    return bounded(r.readValue(), MAX_REQUEST_ID, "request-id");
  }

  private static ServiceId topic(RLPReader r) {
    Bytes topic = r.readValue();
    if (topic.size() != 32) {
      throw new IllegalArgumentException("topic must be 32 bytes");
    }
    return new ServiceId(Bytes32.wrap(topic));
  }

  private static Bytes bounded(Bytes value, int max, String what) {
    if (value.size() > max) {
      throw new IllegalArgumentException(what + " longer than " + max);
    }
    return value;
  }

  private static void complete(RLPReader r) {
    if (!r.isComplete()) {
      throw new IllegalArgumentException("trailing data");
    }
  }

  private static List<Integer> readDistances(RLPReader r) {
    return r.readList(
        l -> {
          List<Integer> distances = new ArrayList<>();
          while (!l.isComplete()) {
            if (distances.size() == MAX_DISTANCES) {
              throw new IllegalArgumentException("too many distances");
            }
            int d = l.readInt();
            if (d < 1 || d > 256) {
              throw new IllegalArgumentException("distance out of range");
            }
            distances.add(d);
          }
          return distances;
        });
  }

  private static void writeDistances(RLPWriter w, List<Integer> distances) {
    w.writeList(l -> distances.forEach(l::writeInt));
  }

  private static Bytes encodeNodes(Bytes requestId, int total, List<NodeRecord> enrs) {
    return RLP.encodeList(
        w -> {
          w.writeValue(requestId);
          w.writeInt(total);
          w.writeList(l -> enrs.forEach(e -> l.writeRLP(e.serialize())));
        });
  }
}
