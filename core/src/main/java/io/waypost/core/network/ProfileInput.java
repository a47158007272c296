package io.waypost.core.network;

import io.waypost.core.chain.RpcEndpoint;
import io.waypost.core.discovery.dns.EnrTreeException;
import io.waypost.core.discovery.dns.EnrTreeUrl;
import io.waypost.core.discovery.enr.CapabilityMap;
import io.waypost.core.model.Address;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * A network profile as a person types it (the console's Settings form, a command's options): text
 * fields, lists one entry per line or comma-separated. {@link #toProfile()} validates each field
 * and names the one that is wrong, so every entry point refuses the same input the same way.
 *
 * @param rpcUrls one or more endpoints, the first preferred
 * @param deploymentBlock blank: found by the app on connect
 * @param confirmations blank: the default depth
 * @param enrTrees EIP-1459 node lists, {@code enrtree://KEY@DOMAIN}
 * @param capabilityMap e.g. {@code waku2.store=mailserver} (one mapping a line or comma-separated);
 *     blank maps nothing
 */
public record ProfileInput(
    String name,
    String rpcUrls,
    String chainId,
    String registry,
    String deploymentBlock,
    String confirmations,
    String bootnodes,
    String trustedProviders,
    String enrTrees,
    String capabilityMap) {

  /** Without node lists and with the default capability map. */
  public ProfileInput(
      String name,
      String rpcUrls,
      String chainId,
      String registry,
      String deploymentBlock,
      String confirmations,
      String bootnodes,
      String trustedProviders) {
    this(
        name,
        rpcUrls,
        chainId,
        registry,
        deploymentBlock,
        confirmations,
        bootnodes,
        trustedProviders,
        "",
        CapabilityMap.DEFAULT_TEXT);
  }

  public NetworkProfile toProfile() {
    List<String> urls = entries(rpcUrls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("The RPC URL is empty");
    }
    List<RpcEndpoint> endpoints = urls.stream().map(RpcEndpoint::parse).toList();
    List<Address> trusted =
        entries(trustedProviders).stream()
            .map(
                text -> {
                  try {
                    return Address.of(text);
                  } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                        "The trusted provider '" + text + "' is not an address: " + e.getMessage());
                  }
                })
            .toList();
    String depth = blankIfNull(confirmations).strip();
    List<EnrTreeUrl> trees = enrTrees(enrTrees);
    CapabilityMap capabilities = capabilities(capabilityMap);
    return new NetworkProfile(
        blankIfNull(name).strip(),
        endpoints.get(0),
        number("chain id", chainId),
        Address.of(blankIfNull(registry).strip()),
        blankIfNull(deploymentBlock).isBlank() ? 0 : number("deployment block", deploymentBlock),
        trusted,
        entries(bootnodes),
        endpoints.subList(1, endpoints.size()),
        depth.isEmpty()
            ? OptionalInt.empty()
            : OptionalInt.of(Math.toIntExact(number("confirmation depth", depth))),
        trees,
        capabilities);
  }

  /**
   * Node list URLs as typed (one a line or comma-separated); a bad one is refused naming it and
   * what is wrong.
   */
  public static List<EnrTreeUrl> enrTrees(String typed) {
    List<EnrTreeUrl> urls = new java.util.ArrayList<>();
    for (String text : entries(typed)) {
      try {
        urls.add(EnrTreeUrl.parse(text));
      } catch (EnrTreeException e) {
        throw new IllegalArgumentException(
            "The node list '" + text + "' is refused: " + e.getMessage());
      }
    }
    return urls;
  }

  /** A capability map as typed (mappings a line or comma-separated); blank maps nothing. */
  public static CapabilityMap capabilities(String text) {
    try {
      return CapabilityMap.parse(String.join(",", entries(text)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The capability map is refused: " + e.getMessage());
    }
  }

  /** The fields of a stored profile, to edit it. */
  public static ProfileInput of(NetworkProfile profile) {
    return new ProfileInput(
        profile.name(),
        String.join("\n", profile.rpcs().stream().map(RpcEndpoint::url).toList()),
        Long.toString(profile.chainId()),
        profile.registry().checksummed(),
        profile.deploymentBlock() == 0 ? "" : Long.toString(profile.deploymentBlock()),
        profile.confirmations().isPresent()
            ? Integer.toString(profile.confirmations().getAsInt())
            : "",
        String.join("\n", profile.bootnodes()),
        String.join("\n", profile.trustedProviders().stream().map(Address::checksummed).toList()),
        String.join("\n", profile.enrTrees().stream().map(EnrTreeUrl::toString).toList()),
        profile.capabilities().toString());
  }

  private static long number(String what, String text) {
    try {
      return Long.parseLong(blankIfNull(text).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("The " + what + " must be a number, not '" + text + "'");
    }
  }

  private static List<String> entries(String text) {
    return Arrays.stream(blankIfNull(text).split("[,\\n]"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String blankIfNull(String text) {
    return text == null ? "" : text;
  }
}
