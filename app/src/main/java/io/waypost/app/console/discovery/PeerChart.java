package io.waypost.app.console.discovery;

import io.waypost.app.console.UiThread;
import io.waypost.app.console.common.FxBindings;
import io.waypost.app.console.common.Repeating;
import io.waypost.core.network.VerdictSnapshot;
import io.waypost.core.trust.TrustVerdict;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * The Discovery chart: nodes seen and usable per service over time. Every two seconds it adds a
 * point per series from the newest pushed snapshot: the clock advances the time axis, the counts
 * are what the session pushed last (it asks no client). Ten minutes are kept.
 */
final class PeerChart {

  /** Points kept per series: ten minutes at one every two seconds. */
  static final int POINTS = 300;

  static final Duration SAMPLE = Duration.ofSeconds(2);

  private final LineChart<Number, Number> chart;
  private final NumberAxis time;
  private final Supplier<Optional<VerdictSnapshot>> newest;
  private final Map<String, XYChart.Series<Number, Number>> series = new HashMap<>(); // FX thread

  PeerChart(
      LineChart<Number, Number> chart,
      NumberAxis time,
      Supplier<Optional<VerdictSnapshot>> newest) {
    this.chart = chart;
    this.time = time;
    this.newest = newest;
  }

  /** Samples on {@code scheduler} until the pin is released. */
  FxBindings.Pin start(ScheduledExecutorService scheduler, Clock clock) {
    ScheduledFuture<?> sampling =
        Repeating.every(scheduler, SAMPLE, "The Discovery chart", () -> sample(clock));
    return () -> sampling.cancel(false);
  }

  /** Counts the newest snapshot's nodes per service. Scheduler thread. */
  private void sample(Clock clock) {
    Optional<VerdictSnapshot> snapshot = newest.get();
    if (snapshot.isEmpty()) {
      return;
    }
    double now = clock.instant().toEpochMilli() / 1000.0;
    Map<String, long[]> counts = new TreeMap<>();
    snapshot
        .get()
        .byService()
        .forEach(
            (id, verdicts) ->
                counts.put(
                    snapshot.get().serviceNames().getOrDefault(id, id.toString()),
                    new long[] {
                      verdicts.size(), verdicts.stream().filter(TrustVerdict::usable).count()
                    }));
    UiThread.run(
        () -> {
          counts.forEach(
              (name, seenAndUsable) -> {
                add(name + " seen", now, seenAndUsable[0]);
                add(name + " usable", now, seenAndUsable[1]);
              });
          rangeTimeAxis(now);
        });
  }

  /** Shows the sampled span, ticks on whole seconds: at most about eight labels. FX thread. */
  private void rangeTimeAxis(double now) {
    double first =
        series.values().stream()
            .filter(s -> !s.getData().isEmpty())
            .mapToDouble(s -> s.getData().get(0).getXValue().doubleValue())
            .min()
            .orElse(now);
    double span = Math.max(now - first, 10);
    long tick = 1;
    for (long step : new long[] {1, 2, 5, 10, 15, 30, 60, 120, 300}) {
      tick = step;
      if (span / step <= 8) {
        break;
      }
    }
    time.setLowerBound(Math.floor((now - span) / tick) * tick);
    time.setUpperBound(Math.ceil(now / tick) * tick);
    time.setTickUnit(tick);
  }

  /** FX thread. */
  private void add(String name, double x, long y) {
    XYChart.Series<Number, Number> line =
        series.computeIfAbsent(
            name,
            n -> {
              XYChart.Series<Number, Number> created = new XYChart.Series<>();
              created.setName(n);
              chart.getData().add(created);
              return created;
            });
    line.getData().add(new XYChart.Data<>(x, y));
    if (line.getData().size() > POINTS) {
      line.getData().remove(0);
    }
  }
}
