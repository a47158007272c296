package io.waypost.app.console.discovery;

import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.common.Repeating;
import io.waypost.core.store.Settings;
import java.util.Optional;
import javafx.beans.property.StringProperty;

/**
 * The Discovery filters (service, verdict, search) survive a restart: they are kept in the
 * settings, read and written on a worker thread (SQLite), never on the FX thread.
 */
final class DiscoveryFilters {

  private final ConsoleContext context;
  private final DiscoveryModel model;
  private boolean loaded; // FX thread only

  DiscoveryFilters(ConsoleContext context, DiscoveryModel model) {
    this.context = context;
    this.model = model;
    persist("discovery.service", model.service);
    persist("discovery.verdict", model.verdictFilter);
    persist("discovery.search", model.search);
  }

  /** Restores the saved filters once, when the screen is first shown. FX thread. */
  void load() {
    if (loaded) {
      return;
    }
    loaded = true;
    Settings settings = context.settings();
    context
        .work()
        .execute(
            Repeating.surviving(
                "Reading the Discovery filters",
                () -> {
                  Optional<String> service = settings.get("discovery.service");
                  Optional<String> verdict = settings.get("discovery.verdict");
                  Optional<String> search = settings.get("discovery.search");
                  UiThread.run(
                      () -> {
                        service.ifPresent(
                            s -> {
                              if (!model.services.contains(s)) {
                                model.services.add(s);
                              }
                              model.service.set(s);
                            });
                        verdict.ifPresent(model.verdictFilter::set);
                        search.ifPresent(model.search::set);
                      });
                }));
  }

  private void persist(String key, StringProperty property) {
    property.addListener(
        (o, was, now) -> {
          if (now != null && loaded) {
            context
                .work()
                .execute(
                    Repeating.surviving(
                        "Saving the Discovery filters", () -> context.settings().put(key, now)));
          }
        });
  }
}
