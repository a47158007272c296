package io.waypost.app.console.trust;

import io.waypost.core.model.Address;
import io.waypost.core.model.ProviderStatus;
import java.util.Locale;

/**
 * One provider as the Trust screen lists it.
 *
 * @param servers what its servers of the chosen service are now, in words ("3 trusted")
 */
public record ProviderRow(
    Address address, String name, ProviderStatus status, boolean trusted, String servers) {

  /** "Approved", "Pending", "Suspended". */
  public String statusTitle() {
    String lower = status.name().toLowerCase(Locale.ROOT);
    return lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1);
  }

  /** What trusting it does for a client now, in words: why its servers are or are not used. */
  public String effect() {
    if (trusted && status.isTrusted()) {
      return "its servers are used";
    }
    if (trusted) {
      return "not used: " + status.name().toLowerCase(Locale.ROOT) + " in the registry";
    }
    return "never picked: you do not trust it";
  }

  /** The id its toggle has, for tests and styling: "trust-provider-old-mail-co". */
  public String toggleId() {
    return "trust-provider-" + name.replaceAll("[^A-Za-z0-9]", "-").toLowerCase(Locale.ROOT);
  }
}
