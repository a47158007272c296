package io.waypost.app.console.discovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.collections.ObservableList;

/**
 * The Discovery table's rows, kept in step with the verdicts in two halves: a {@link Differ} on a
 * worker thread compares each new set of rows with the last one and keeps only what changed; the
 * table, on the FX thread, applies those {@link Changes}: changed rows replaced in place, new ones
 * appended, vanished ones removed. A table of 10,000 nodes receiving a few hundred changes a second
 * then does work on the FX thread in proportion to the changes, not to the table.
 */
final class PeerTable {

  /**
   * What changed in one service's rows: rows new or different ({@code upserts}) and node ids gone.
   * A screen that falls behind folds successive changes into one with {@link #then}.
   */
  record Changes(String service, List<PeerRow> upserts, Set<String> gone) {

    /** These changes followed by {@code newer}, as one. */
    Changes then(Changes newer) {
      if (!newer.service().equals(service)) {
        return newer; // another service: its changes start from an empty table
      }
      Map<String, PeerRow> rows = new LinkedHashMap<>();
      upserts.forEach(row -> rows.put(row.nodeId(), row));
      newer.gone().forEach(rows::remove);
      newer.upserts().forEach(row -> rows.put(row.nodeId(), row));
      Set<String> removed = new HashSet<>(gone);
      removed.addAll(newer.gone());
      removed.removeAll(rows.keySet());
      return new Changes(service, List.copyOf(rows.values()), Set.copyOf(removed));
    }
  }

  /** Compares each set of rows with the previous one. One caller at a time (a worker). */
  static final class Differ {
    private String service = "";
    private Map<String, PeerRow> shown = Map.of();

    Changes diff(String forService, List<PeerRow> latest) {
      if (!forService.equals(service)) {
        service = forService;
        shown = Map.of();
      }
      Map<String, PeerRow> next = new HashMap<>(latest.size() * 2);
      List<PeerRow> upserts = new ArrayList<>();
      for (PeerRow row : latest) {
        next.put(row.nodeId(), row);
        PeerRow was = shown.get(row.nodeId());
        if (was == null || !same(was, row)) {
          upserts.add(row);
        }
      }
      Set<String> gone = new HashSet<>();
      for (String id : shown.keySet()) {
        if (!next.containsKey(id)) {
          gone.add(id);
        }
      }
      shown = next;
      return new Changes(forService, upserts, gone);
    }
  }

  private final ObservableList<PeerRow> rows;
  private final Map<String, Integer> indexById = new HashMap<>();

  PeerTable(ObservableList<PeerRow> rows) {
    this.rows = rows;
  }

  /** Applies changes: touches only the rows named. FX thread only. */
  void apply(Changes changes) {
    for (PeerRow row : changes.upserts()) {
      Integer index = indexById.get(row.nodeId());
      if (index == null) {
        indexById.put(row.nodeId(), rows.size());
        rows.add(row);
      } else {
        rows.set(index, row);
      }
    }
    if (!changes.gone().isEmpty()) {
      rows.removeIf(row -> changes.gone().contains(row.nodeId()));
      reindex();
    }
  }

  /** The row of a node, if the table holds it. FX thread only. */
  Optional<PeerRow> row(String nodeId) {
    Integer index = indexById.get(nodeId);
    return index == null ? Optional.empty() : Optional.of(rows.get(index));
  }

  void reset() {
    rows.clear();
    indexById.clear();
  }

  private void reindex() {
    indexById.clear();
    for (int i = 0; i < rows.size(); i++) {
      indexById.put(rows.get(i).nodeId(), i);
    }
  }

  private static boolean same(PeerRow a, PeerRow b) {
    return a.verdict().equals(b.verdict())
        && a.address().equals(b.address())
        && a.node().seq() == b.node().seq()
        && a.node().liveness().equals(b.node().liveness())
        && a.node().source().equals(b.node().source());
  }
}
