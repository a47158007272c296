package io.waypost.core.discovery.enr;

import io.waypost.core.model.ServiceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * The ENR entry that lists the services a node provides, so that plain discv5 random walks can find
 * providers in any network (Waku filters walks by its {@code waku2} byte the same way).
 *
 * <p>Key {@value #KEY}; value one RLP byte string: the first {@value #TAG_BYTES} bytes of each
 * service id, concatenated in ascending order. 8 bytes keep up to {@value #MAX_SERVICES} services
 * within the 300-byte record limit (a v4 record with ip and udp is about 140 bytes) while a false
 * match needs a 64-bit collision; the registry check that follows discovery rejects any imposter
 * anyway.
 */
public final class ServiceEntry {

  public static final String KEY = "wps";
  public static final int TAG_BYTES = 8;
  public static final int MAX_SERVICES = 8;

  private ServiceEntry() {}

  public static Bytes encode(Collection<ServiceId> services) {
    if (services.isEmpty() || services.size() > MAX_SERVICES) {
      throw new IllegalArgumentException(
          "An ENR can list 1 to " + MAX_SERVICES + " services, got " + services.size());
    }
    TreeSet<Bytes> tags = new TreeSet<>();
    for (ServiceId service : services) {
      tags.add(tag(service));
    }
    return Bytes.concatenate(tags.toArray(Bytes[]::new));
  }

  public static Bytes tag(ServiceId service) {
    return service.value().slice(0, TAG_BYTES);
  }

  /** The service tags a raw entry value holds; empty if the value is malformed. */
  public static List<Bytes> decode(Bytes value) {
    if (value.isEmpty() || value.size() % TAG_BYTES != 0 || value.size() > 32 * TAG_BYTES) {
      return List.of();
    }
    List<Bytes> tags = new ArrayList<>();
    for (int i = 0; i < value.size(); i += TAG_BYTES) {
      tags.add(value.slice(i, TAG_BYTES));
    }
    return tags;
  }

  public static Optional<Bytes> rawValue(NodeRecord record) {
    return record.get(KEY) instanceof Bytes bytes ? Optional.of(bytes) : Optional.empty();
  }

  /** Whether a record's entry names the service. */
  public static boolean provides(NodeRecord record, ServiceId service) {
    Bytes wanted = tag(service);
    return rawValue(record).map(v -> decode(v).contains(wanted)).orElse(false);
  }
}
