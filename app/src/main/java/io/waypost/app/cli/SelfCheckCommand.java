package io.waypost.app.cli;

import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.model.NodeId;
import io.waypost.core.registry.NodeRegistrationKeys;
import io.waypost.core.store.Database;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * Checks, without a display, that this installation works: the Java runtime, the SQLite store, the
 * cryptography, JavaFX (started on its headless platform) and the devnet's anvil. Used to
 * smoke-test the packaged program.
 */
@Command(name = "self-check", description = "Check this installation without a display.")
public final class SelfCheckCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean ok = true;
    out.println("java      " + Runtime.version() + " (" + System.getProperty("java.home") + ")");

    Path dir = Files.createTempDirectory("waypost-self-check");
    try (Database db = Database.open(dir.resolve("check.db"))) {
      out.println(
          "store     SQLite "
              + db.read(c -> c.getMetaData().getDatabaseProductVersion())
              + ", schema version "
              + db.schemaVersion());
    } catch (RuntimeException e) {
      out.println("store     FAILED: " + e.getMessage());
      ok = false;
    }

    ECKeyPair key = Keys.createEcKeyPair();
    NodeId node = NodeRegistrationKeys.nodeIdOf(key);
    out.println("crypto    secp256k1 key made, node id " + node.toString().substring(0, 18) + "…");

    try {
      System.setProperty("glass.platform", System.getProperty("glass.platform", "Headless"));
      System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
      CountDownLatch started = new CountDownLatch(1);
      javafx.application.Platform.startup(started::countDown);
      boolean up = started.await(20, TimeUnit.SECONDS);
      javafx.application.Platform.exit();
      out.println(
          "javafx    "
              + (up
                  ? System.getProperty("javafx.runtime.version") + " started headless"
                  : "FAILED to start"));
      ok &= up;
    } catch (RuntimeException | LinkageError e) {
      out.println("javafx    FAILED: " + e);
      ok = false;
    }

    try {
      out.println("anvil     " + FoundryToolchain.locate().anvil());
    } catch (IllegalStateException e) {
      // Not fatal: a console on a real network needs no anvil.
      out.println("anvil     not available; the embedded devnet will not start. " + e.getMessage());
    }
    out.println(ok ? "self-check passed" : "self-check FAILED");
    return ok ? 0 : 1;
  }
}
