package io.waypost.core.discovery.enr;

import io.waypost.core.discovery.waku.WakuFields;
import io.waypost.core.discovery.waku.WakuFields.Capability;
import io.waypost.core.model.ServiceId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * Which record capabilities count as advertising which registry service, besides Waypost's own
 * {@link ServiceEntry}. By default a Waku node whose {@code waku2} store bit is set advertises
 * {@code mailserver}: Status's mail servers are Waku store nodes, and they announce themselves that
 * way, not with a Waypost entry. Advertising is only the first check: the registry still decides.
 *
 * <p>Text form (profiles, CLI, environment): {@code waku2.store=mailserver,waku2.lightpush=push};
 * the capabilities are {@code waku2.relay}, {@code waku2.store}, {@code waku2.filter}, {@code
 * waku2.lightpush} and {@code waku2.sync}. The empty text maps nothing.
 */
public final class CapabilityMap {

  /** One mapping: the capability (e.g. {@code waku2.store}) and the service it stands for. */
  public record Mapping(Capability capability, String service) {
    public Mapping {
      Objects.requireNonNull(capability, "capability");
      if (service == null || service.isBlank()) {
        throw new IllegalArgumentException("a capability maps to a service name");
      }
    }

    public String capabilityName() {
      return WakuFields.WAKU2 + "." + capability.label();
    }

    ServiceId serviceId() {
      return ServiceId.of(service);
    }

    @Override
    public String toString() {
      return capabilityName() + "=" + service;
    }
  }

  public static final String DEFAULT_TEXT = "waku2.store=mailserver";

  private final List<Mapping> mappings;

  private CapabilityMap(List<Mapping> mappings) {
    this.mappings = List.copyOf(mappings);
  }

  /** The default: the {@code waku2} store bit means {@code mailserver}. */
  public static CapabilityMap defaults() {
    return parse(DEFAULT_TEXT);
  }

  public static CapabilityMap none() {
    return new CapabilityMap(List.of());
  }

  /**
   * Parses the text form. A bad entry is refused with the reason.
   *
   * @throws IllegalArgumentException naming the entry and what is wrong with it
   */
  public static CapabilityMap parse(String text) {
    List<Mapping> mappings = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return new CapabilityMap(mappings);
    }
    for (String entry : text.split(",")) {
      String item = entry.strip();
      int eq = item.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "capability mapping '" + item + "' is not CAPABILITY=SERVICE, e.g. " + DEFAULT_TEXT);
      }
      String capability = item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String service = item.substring(eq + 1).strip();
      if (!capability.startsWith(WakuFields.WAKU2 + ".")) {
        throw new IllegalArgumentException(
            "unknown capability '" + capability + "': known are " + known());
      }
      String bit = capability.substring(WakuFields.WAKU2.length() + 1);
      Capability c =
          Arrays.stream(Capability.values())
              .filter(x -> x.label().equals(bit))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown capability '" + capability + "': known are " + known()));
      if (service.isEmpty()) {
        throw new IllegalArgumentException("capability " + capability + " maps to no service");
      }
      mappings.add(new Mapping(c, service));
    }
    return new CapabilityMap(mappings);
  }

  private static String known() {
    return String.join(
        ", ",
        Arrays.stream(Capability.values()).map(c -> WakuFields.WAKU2 + "." + c.label()).toList());
  }

  public List<Mapping> mappings() {
    return mappings;
  }

  /** Whether any capability is mapped at all. */
  public boolean advertisesAnything() {
    return !mappings.isEmpty();
  }

  /** Whether the record advertises the service: by Waypost's entry or a mapped capability. */
  public boolean advertises(NodeRecord record, ServiceId service) {
    return ServiceEntry.provides(record, service) || !mappedCapabilities(record, service).isEmpty();
  }

  /** The mapped capabilities through which the record advertises the service, e.g. waku2.store. */
  public List<String> mappedCapabilities(NodeRecord record, ServiceId service) {
    if (mappings.isEmpty() || !(record.get(WakuFields.WAKU2) instanceof Bytes waku2)) {
      return List.of();
    }
    return mappedCapabilities(Map.of(WakuFields.WAKU2, waku2), service);
  }

  /** The same from a record's raw fields (as {@link NodeAddress#fields()}). */
  public List<String> mappedCapabilities(Map<String, Bytes> fields, ServiceId service) {
    WakuFields waku = WakuFields.of(fields);
    List<String> matched = new ArrayList<>();
    for (Mapping m : mappings) {
      if (waku.has(m.capability()) && m.serviceId().equals(service)) {
        matched.add(m.capabilityName());
      }
    }
    return matched;
  }

  /** Every service the record's capabilities map to, by service name, with the capabilities. */
  public Map<String, List<String>> mappedServices(Map<String, Bytes> fields) {
    WakuFields waku = WakuFields.of(fields);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Mapping m : mappings) {
      if (waku.has(m.capability())) {
        out.computeIfAbsent(m.service(), s -> new ArrayList<>()).add(m.capabilityName());
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return String.join(",", mappings.stream().map(Mapping::toString).toList());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CapabilityMap other && mappings.equals(other.mappings);
  }

  @Override
  public int hashCode() {
    return mappings.hashCode();
  }
}
