package io.waypost.core.trust;

import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The verdict on one node for one service, with every check and its outcome so anyone can see why.
 * {@code registryAge} says how old the registry state behind it is when that matters.
 */
public record TrustVerdict(
    NodeId nodeId,
    ServiceId serviceId,
    Kind kind,
    List<CheckOutcome> checks,
    Optional<Address> provider,
    Optional<String> providerName,
    Optional<Duration> registryAge) {

  public enum Kind {
    TRUSTED,
    /** A server the user added: usable without registry approval, always shown as custom. */
    CUSTOM,
    UNTRUSTED,
    /** The registry state cannot be had (with its age, if there was one). */
    UNKNOWN
  }

  public TrustVerdict {
    checks = List.copyOf(checks);
  }

  /** The same verdict with the registry state's age as it is now (it grows during an outage). */
  public TrustVerdict withRegistryAge(Optional<Duration> age) {
    return new TrustVerdict(nodeId, serviceId, kind, checks, provider, providerName, age);
  }

  public List<CheckOutcome> failing() {
    return checks.stream().filter(c -> c.result() == CheckOutcome.Result.FAIL).toList();
  }

  public boolean usable() {
    return kind == Kind.TRUSTED || kind == Kind.CUSTOM;
  }

  /** One line for logs and the CLI: "UNTRUSTED: PROVIDER_APPROVED (provider suspended: …)". */
  public String summary() {
    if (kind == Kind.UNTRUSTED) {
      return kind
          + ": "
          + String.join("; ", failing().stream().map(CheckOutcome::toString).toList());
    }
    if (kind == Kind.UNKNOWN) {
      return kind
          + registryAge.map(age -> " (registry state " + age.toSeconds() + " s old)").orElse("");
    }
    return kind.name();
  }
}
