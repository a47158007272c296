package io.waypost.core.trust;

import io.waypost.core.index.IndexerState;
import io.waypost.core.index.RegistryView.IndexedProvider;
import io.waypost.core.model.Address;
import io.waypost.core.model.NodeId;
import io.waypost.core.model.ProviderStatus;
import io.waypost.core.registry.Verification;
import io.waypost.core.trust.CheckOutcome.Result;
import io.waypost.core.trust.Observation.Advertisement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what discovery observed into verdicts, checking each node against the local index of the
 * registry (optionally confirmed by the contract's batch view) and the user's trust policy.
 */
public final class TrustVerifier {

  private final Clock clock;

  public TrustVerifier(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param onChain the contract's own answers for these nodes (from one verifyBatch call), which
   *     then take precedence over the index for the registration and approval checks; empty to
   *     trust the index alone
   */
  public List<TrustVerdict> verify(
      List<Observation> observations,
      RegistrySnapshot registry,
      Set<Address> trustedProviders,
      Set<NodeId> customNodes,
      Map<NodeId, Verification> onChain) {
    List<TrustVerdict> verdicts = new ArrayList<>(observations.size());
    for (Observation o : observations) {
      verdicts.add(verify(o, registry, trustedProviders, customNodes, onChain));
    }
    return verdicts;
  }

  private TrustVerdict verify(
      Observation o,
      RegistrySnapshot registry,
      Set<Address> trusted,
      Set<NodeId> custom,
      Map<NodeId, Verification> onChain) {
    List<CheckOutcome> checks = new ArrayList<>();
    checks.add(
        o.recordProblem()
            .map(problem -> CheckOutcome.fail(TrustCheck.RECORD, problem))
            .orElse(CheckOutcome.pass(TrustCheck.RECORD, "valid v4 record")));
    String service = registry.serviceName(o.serviceId());
    checks.add(
        o.advertisedBy().isEmpty()
            ? CheckOutcome.fail(TrustCheck.ADVERTISES, "does not advertise " + service)
            : CheckOutcome.pass(TrustCheck.ADVERTISES, describe(o.advertisedBy(), service)));

    boolean registryKnown = !(registry.state() instanceof IndexerState.Starting);
    Verification confirmed = onChain.get(o.nodeId());
    Optional<Address> provider =
        confirmed != null ? confirmed.provider() : registry.providerOf(o.nodeId(), o.serviceId());
    Optional<IndexedProvider> record = provider.map(registry.providers()::get);
    String name =
        record.map(IndexedProvider::name).orElse(provider.map(Address::checksummed).orElse(""));
    String source = confirmed != null ? " (confirmed on-chain)" : "";
    if (!registryKnown) {
      checks.add(CheckOutcome.unknown(TrustCheck.REGISTERED, "the registry has not been read yet"));
      checks.add(
          CheckOutcome.unknown(TrustCheck.PROVIDER_APPROVED, "the registry has not been read yet"));
    } else if (provider.isEmpty()) {
      checks.add(
          CheckOutcome.fail(TrustCheck.REGISTERED, "not registered for " + service + source));
      checks.add(CheckOutcome.fail(TrustCheck.PROVIDER_APPROVED, "no provider vouches for it"));
    } else {
      checks.add(CheckOutcome.pass(TrustCheck.REGISTERED, "registered by " + name + source));
      ProviderStatus status =
          confirmed != null
              ? confirmed.providerStatus()
              : record.map(IndexedProvider::status).orElse(ProviderStatus.NONE);
      String reason = record.flatMap(IndexedProvider::statusReason).map(r -> ": " + r).orElse("");
      checks.add(
          status == ProviderStatus.APPROVED
              ? CheckOutcome.pass(TrustCheck.PROVIDER_APPROVED, name + " is approved" + source)
              : CheckOutcome.fail(
                  TrustCheck.PROVIDER_APPROVED,
                  name + " is " + status.name().toLowerCase(Locale.ROOT) + reason + source));
    }
    checks.add(
        provider.isEmpty()
            ? CheckOutcome.fail(TrustCheck.PROVIDER_TRUSTED, "no provider to trust")
            : trusted.contains(provider.get())
                ? CheckOutcome.pass(TrustCheck.PROVIDER_TRUSTED, "you trust " + name)
                : CheckOutcome.fail(
                    TrustCheck.PROVIDER_TRUSTED, "you do not trust " + name + " (see Trust)"));
    Observation.Liveness live = o.liveness();
    checks.add(
        !live.probed()
            ? CheckOutcome.unknown(TrustCheck.ALIVE, live.detail())
            : live.answersPing() && live.provedKey()
                ? CheckOutcome.pass(TrustCheck.ALIVE, live.detail())
                : CheckOutcome.fail(TrustCheck.ALIVE, live.detail()));

    Optional<Duration> age = age(registry.state());
    TrustVerdict.Kind kind;
    if (custom.contains(o.nodeId())) {
      kind = TrustVerdict.Kind.CUSTOM;
    } else if (registry.state() instanceof IndexerState.Stale) {
      // The index's answer is shown, but a registry that cannot be read now may have suspended or
      // approved since: only what does not depend on it (the record, the advertisement, the
      // node's own answer) can still decide.
      kind =
          checks.stream()
                  .anyMatch(c -> c.result() == Result.FAIL && !REGISTRY_CHECKS.contains(c.check()))
              ? TrustVerdict.Kind.UNTRUSTED
              : TrustVerdict.Kind.UNKNOWN;
    } else if (!registryKnown) {
      kind = TrustVerdict.Kind.UNKNOWN;
    } else if (checks.stream().anyMatch(c -> c.result() == Result.FAIL)) {
      kind = TrustVerdict.Kind.UNTRUSTED;
    } else if (checks.stream().allMatch(CheckOutcome::passed)) {
      kind = TrustVerdict.Kind.TRUSTED;
    } else {
      kind = TrustVerdict.Kind.UNKNOWN;
    }
    return new TrustVerdict(
        o.nodeId(), o.serviceId(), kind, checks, provider, record.map(IndexedProvider::name), age);
  }

  /** The checks whose answer comes from the registry (through the index). */
  private static final Set<TrustCheck> REGISTRY_CHECKS =
      java.util.EnumSet.of(
          TrustCheck.REGISTERED, TrustCheck.PROVIDER_APPROVED, TrustCheck.PROVIDER_TRUSTED);

  private static String describe(Set<Advertisement> how, String service) {
    List<String> ways = new ArrayList<>();
    if (how.contains(Advertisement.ENR_ENTRY)) {
      ways.add("ENR entry");
    }
    if (how.contains(Advertisement.TOPIC_AD)) {
      ways.add("topic ad");
    }
    if (how.contains(Advertisement.MAPPED_CAPABILITY)) {
      ways.add("Waku capability mapped to " + service);
    }
    return String.join(" and ", ways);
  }

  private Optional<Duration> age(IndexerState state) {
    return switch (state) {
      case IndexerState.Stale s -> Optional.of(Duration.between(s.lastSynced(), clock.instant()));
      case IndexerState.Synced s -> Optional.of(Duration.between(s.at(), clock.instant()));
      default -> Optional.empty();
    };
  }
}
