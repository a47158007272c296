package io.waypost.app.console.trust;

import io.waypost.core.trust.TrustPolicy;
import java.util.List;

/** Everything the Trust screen shows for one service, read off the FX thread in one go. */
record TrustSnapshot(
    List<String> services,
    List<ProviderRow> providers,
    List<TrustPolicy.CustomServer> custom,
    ServerPick pick,
    String pinState) {}
