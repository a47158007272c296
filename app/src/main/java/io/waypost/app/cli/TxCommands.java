package io.waypost.app.cli;

import io.waypost.core.chain.JournalEntry;
import io.waypost.core.chain.PendingTransactions;
import io.waypost.core.chain.TransactionJournal;
import io.waypost.core.store.DataDirectory;
import io.waypost.core.store.Database;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The transaction journal every command and the console write: list, status, resume. */
@Command(
    name = "tx",
    description = "The transaction journal: list, status, resume.",
    subcommands = {TxCommands.ListTx.class, TxCommands.Status.class, TxCommands.Resume.class})
final class TxCommands {

  private TxCommands() {}

  @Command(name = "list", description = "The newest journalled transactions, newest first.")
  static final class ListTx implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--data-dir",
        defaultValue = "${env:WAYPOST_DATA_DIR}",
        paramLabel = "DIR",
        description = "Data directory (env WAYPOST_DATA_DIR; default: the platform's).")
    Path dataDir;

    @Option(
        names = "--limit",
        defaultValue = "20",
        paramLabel = "N",
        converter = Values.NonNegativeValue.class,
        description = "How many to show.")
    long limit;

    @Option(names = "--json", description = "Print the entries as JSON.")
    boolean json;

    @Override
    public Integer call() {
      Path store = DataDirectory.resolve(Optional.ofNullable(dataDir)).resolve("waypost.db");
      List<JournalEntry> entries = List.of();
      if (Files.exists(store)) {
        try (Database database = Database.open(store)) {
          entries =
              new TransactionJournal(database, Clock.systemUTC())
                  .recent((int) Math.min(limit, 10_000));
        }
      }
      print(spec.commandLine().getOut(), entries, json);
      return 0;
    }
  }

  @Command(name = "status", description = "One transaction's state, by hash.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--data-dir",
        defaultValue = "${env:WAYPOST_DATA_DIR}",
        paramLabel = "DIR",
        description = "Data directory (env WAYPOST_DATA_DIR; default: the platform's).")
    Path dataDir;

    @Parameters(index = "0", paramLabel = "HASH", description = "The transaction hash (0x…).")
    String hash;

    @Option(names = "--json", description = "Print the entry as JSON.")
    boolean json;

    @Override
    public Integer call() {
      if (!hash.matches("0x[0-9a-fA-F]{64}")) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "HASH: '" + hash + "' is not a transaction hash (0x + 64 hex)");
      }
      Path store = DataDirectory.resolve(Optional.ofNullable(dataDir)).resolve("waypost.db");
      Optional<JournalEntry> entry = Optional.empty();
      if (Files.exists(store)) {
        try (Database database = Database.open(store)) {
          entry =
              new TransactionJournal(database, Clock.systemUTC())
                  .find(hash.toLowerCase(java.util.Locale.ROOT));
        }
      }
      if (entry.isEmpty()) {
        spec.commandLine().getErr().println("waypost: no transaction " + hash + " in the journal");
        return 1;
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(json(entry.get())));
      } else {
        print(out, List.of(entry.get()), false);
      }
      return 0;
    }
  }

  @Command(
      name = "resume",
      description =
          "Watch the unfinished transactions again (re-sending any the node lost) until each is"
              + " mined, refused or dropped.")
  static final class Resume implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ChainOptions chain;

    @Option(names = "--json", description = "Print the final entries as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      try (ChainContext context = ChainContext.open(chain)) {
        var connection = context.session().chain();
        List<JournalEntry> done = PendingTransactions.of(connection).resume(Runnable::run).get();
        print(spec.commandLine().getOut(), done, json);
        return done.stream().allMatch(e -> e.state().name().equals("MINED")) ? 0 : 1;
      }
    }
  }

  static void print(PrintWriter out, List<JournalEntry> entries, boolean json) {
    if (json) {
      out.println(Json.write(entries.stream().map(TxCommands::json).toList()));
    } else if (entries.isEmpty()) {
      out.println("No transactions.");
    } else {
      for (JournalEntry e : entries) {
        out.printf(
            "%s  %-8s %s  nonce %d  chain %d  %s%s%s%n",
            e.hash(),
            e.state(),
            e.sender().checksummed(),
            e.nonce(),
            e.chainId(),
            e.summary(),
            e.blockNumber().isPresent() ? "  block " + e.blockNumber().getAsLong() : "",
            e.error().map(err -> "  (" + err + ")").orElse(""));
      }
    }
    out.flush();
  }

  static Map<String, Object> json(JournalEntry e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hash", e.hash());
    out.put("state", e.state().name());
    out.put("chainId", e.chainId());
    out.put("from", e.sender().checksummed());
    out.put("to", e.recipient().map(a -> a.checksummed()).orElse(null));
    out.put("nonce", e.nonce());
    out.put("function", e.function());
    out.put("summary", e.summary());
    out.put("block", e.blockNumber().isPresent() ? e.blockNumber().getAsLong() : null);
    out.put("error", e.error().orElse(null));
    out.put("createdAt", e.createdAt().toString());
    out.put("updatedAt", e.updatedAt().toString());
    return out;
  }
}
