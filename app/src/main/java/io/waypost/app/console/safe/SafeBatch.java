package io.waypost.app.console.safe;

import io.waypost.app.console.AccountOption;
import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.common.Notifications;
import io.waypost.core.devnet.DevnetSafe;
import io.waypost.core.model.Address;
import io.waypost.core.network.NetworkSession;
import io.waypost.core.registry.TxOutcome;
import io.waypost.core.safe.SafeAccount;
import io.waypost.core.safe.SafeCall;
import io.waypost.core.safe.SafeProgress;
import io.waypost.core.safe.TransactionBuilderBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.web3j.crypto.Credentials;

/**
 * The actions queued for a Safe that holds a registry role, and the two ways to carry them out:
 * export them as one Safe Transaction Builder batch for the owners to sign in the Safe app, or
 * collect the signatures of owners whose keys are unlocked in this console and execute the batch
 * through the Safe (one {@code execTransaction}; several actions through MultiSendCallOnly). Built
 * on core's {@link SafeAccount} and {@link TransactionBuilderBatch}. State is FX-thread only.
 */
public final class SafeBatch {

  /** Safe 1.4.1's MultiSendCallOnly at its canonical address (the same on every chain). */
  static final Address CANONICAL_MULTISEND =
      Address.of("0x9641d764fc13c8B624c04430C7356C1C7C8102e2");

  final ObjectProperty<SafeRole> safe = new SimpleObjectProperty<>();
  final ObservableList<SafeCall> queued = FXCollections.observableArrayList();
  // Reports a change when an owner is chosen or unchosen, so the threshold binding follows.
  final ObservableList<SafeSigner> signers =
      FXCollections.observableArrayList(s -> new javafx.beans.Observable[] {s.chosen()});
  final ObservableList<String> progress = FXCollections.observableArrayList();
  final BooleanProperty busy = new SimpleBooleanProperty();
  final StringProperty status = new SimpleStringProperty("");
  private final BooleanBinding enoughSigners;

  private final ConsoleContext context;
  private final Notifications notifications;
  private java.util.function.Consumer<TxOutcome> onExecuted = outcome -> {};

  public SafeBatch(ConsoleContext context, Notifications notifications) {
    this.context = context;
    this.notifications = notifications;
    this.enoughSigners =
        Bindings.createBooleanBinding(
            () -> safe.get() != null && chosenKeys().size() >= safe.get().threshold(), signers);
  }

  /** Told on the FX thread when a batch was executed through the Safe. */
  public void onExecuted(java.util.function.Consumer<TxOutcome> listener) {
    this.onExecuted = listener;
  }

  /** Acts as {@code role} from now on (empty: the console's own account); FX thread. */
  public void actAs(Optional<SafeRole> role) {
    SafeRole next = role.orElse(null);
    SafeRole previous = safe.get();
    boolean sameSafe = previous != null && next != null && previous.safe().equals(next.safe());
    if (sameSafe && previous.equals(next)) {
      return; // the same Safe with the same owners: keep the batch and the owners chosen
    }
    safe.set(next);
    if (!sameSafe) {
      queued.clear();
      progress.clear();
      status.set("");
    }
    if (next == null) {
      signers.clear();
      return;
    }
    List<AccountOption> accounts = context.accounts();
    List<SafeSigner> choices =
        next.owners().stream()
            .map(
                owner -> {
                  Optional<AccountOption> here =
                      accounts.stream()
                          .filter(a -> a.address().equals(owner) && a.unlocked())
                          .findFirst();
                  return new SafeSigner(
                      owner,
                      here.map(AccountOption::label).orElse(""),
                      here.flatMap(AccountOption::credentials));
                })
            .toList();
    int preselected = 0;
    for (SafeSigner choice : choices) {
      if (choice.atHand() && preselected < next.threshold()) {
        choice.chosen().set(true);
        preselected++;
      }
    }
    signers.setAll(choices);
  }

  public Optional<SafeRole> actingSafe() {
    return Optional.ofNullable(safe.get());
  }

  /** Adds a call to the batch; FX thread. */
  public void queue(SafeCall call) {
    queued.add(call);
    status.set(
        String.format(
            Locale.ROOT,
            "%d action%s queued for the Safe: nothing is sent until its owners sign.",
            queued.size(),
            queued.size() == 1 ? "" : "s"));
  }

  /** The actions waiting in the batch, in order; FX thread. */
  public List<SafeCall> queuedCalls() {
    return java.util.Collections.unmodifiableList(queued);
  }

  /** How many actions wait in the batch. */
  public int queuedCount() {
    return queued.size();
  }

  /** Whether the chosen owners are enough to execute. */
  BooleanBinding enoughSigners() {
    return enoughSigners;
  }

  /**
   * Writes the queued actions as a Transaction Builder batch to {@code file}; completes on a worker
   * thread with the file. FX thread (reads the queue).
   */
  public CompletableFuture<Path> exportTo(Path file) {
    SafeRole role = safe.get();
    List<SafeCall> calls = List.copyOf(queued);
    Optional<NetworkSession> session = context.session();
    if (role == null || calls.isEmpty() || session.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("Queue an action for the Safe first"));
    }
    long chainId = session.get().chain().chainId();
    CompletableFuture<Path> written =
        CompletableFuture.supplyAsync(
            () -> {
              String json =
                  TransactionBuilderBatch.toJson(
                      chainId,
                      role.safe(),
                      "Waypost: "
                          + calls.size()
                          + " registry action"
                          + (calls.size() == 1 ? "" : "s"),
                      calls,
                      context.clock().instant());
              try {
                TransactionBuilderBatch.write(file, json);
              } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
              }
              return file;
            },
            context.work());
    written.whenComplete(
        (path, failure) -> {
          if (failure == null) {
            UiThread.run(
                () ->
                    status.set(
                        "Saved "
                            + path.getFileName()
                            + ": import it in the Safe app's Transaction Builder, where the owners"
                            + " sign."));
          } else {
            notifications.error("Saving the Safe batch failed", failure);
          }
        });
    return written;
  }

  /**
   * Collects the chosen owners' signatures and executes the queued actions through the Safe; the
   * active account sends and pays. Each step shows in {@link #progress}. FX thread.
   */
  public CompletableFuture<TxOutcome> execute() {
    SafeRole role = safe.get();
    List<SafeCall> calls = List.copyOf(queued);
    List<Credentials> keys = chosenKeys();
    Optional<NetworkSession> session = context.session();
    Optional<Credentials> sender = context.activeAccount().flatMap(AccountOption::credentials);
    if (role == null || calls.isEmpty() || session.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("Queue an action for the Safe first"));
    }
    if (sender.isEmpty()) {
      notifications.show(
          Notifications.Level.ERROR,
          "No account to send from",
          "Choose an unlocked account (top right): it sends the Safe's transaction and pays for it.");
      return CompletableFuture.failedFuture(new IllegalStateException("no sending account"));
    }
    Address multiSend =
        context
            .devnetSafe()
            .filter(d -> d.safe().equals(role.safe()))
            .map(DevnetSafe::multiSend)
            .orElse(CANONICAL_MULTISEND);
    busy.set(true);
    progress.setAll(
        "Collecting " + role.threshold() + " owner signatures for " + describe(calls) + " …");
    status.set("Signing and executing through the Safe …");
    CompletableFuture<TxOutcome> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new SafeAccount(session.get().chain(), role.safe())
                    .execute(
                        calls,
                        Optional.of(multiSend),
                        keys,
                        sender.get(),
                        step -> UiThread.run(() -> progress.add(line(step))));
              } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
              }
            },
            context.work());
    notifications.track(
        "Executing through the Safe",
        calls.size() + " action(s), " + role.threshold() + " signatures",
        run,
        false);
    run.whenComplete(
        (outcome, failure) ->
            UiThread.run(
                () -> {
                  busy.set(false);
                  if (failure == null) {
                    queued.removeAll(calls);
                    onExecuted.accept(outcome);
                    status.set(
                        "Executed through the Safe in block "
                            + outcome.blockNumber()
                            + " (tx "
                            + outcome.hash().substring(0, 10)
                            + "…).");
                  } else {
                    String why = Notifications.messageOf(failure);
                    progress.add("Not executed: " + why);
                    status.set("Not executed: " + why);
                  }
                }));
    return run;
  }

  /** One step as the panel lists it: short, with a mark for what is done. */
  static String line(SafeProgress step) {
    return switch (step.step()) {
      case SIGNED ->
          "✓ Signature "
              + step.signatures()
              + " of "
              + step.threshold()
              + " by "
              + step.owner().map(SafeRole::shortAddress).orElse("an owner");
      case SENT -> "… Sending the Safe transaction";
      // "Executed in block N (hash)": the hash is in the status line and the journal.
      case MINED -> "✓ " + step.message().replaceFirst(" \\(.*$", "");
    };
  }

  private List<Credentials> chosenKeys() {
    return signers.stream()
        .filter(s -> s.chosen().get() && s.atHand())
        .map(s -> s.key().orElseThrow())
        .toList();
  }

  private static String describe(List<SafeCall> calls) {
    return calls.size() == 1 ? "1 action" : calls.size() + " actions";
  }
}
