package io.waypost.app.cli;

import io.waypost.app.console.shell.Theme;
import io.waypost.core.devnet.FoundryToolchain;
import io.waypost.core.model.NodeId;
import io.waypost.core.registry.NodeRegistrationKeys;
import io.waypost.core.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * Checks, without a display, that this installation works: the Java runtime, the SQLite store, the
 * cryptography, TLS, a non-English locale's formats, JavaFX (started on its headless platform) and
 * the devnet's anvil. Used to smoke-test the packaged program, whose runtime holds only the modules
 * it needs: these are the ones a module list can miss.
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
      out.println("tls       " + tls());
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      out.println("tls       FAILED: " + e);
      ok = false;
    }

    // Formats for locales other than English live in jdk.localedata, which jdeps does not find.
    String german = String.format(Locale.GERMANY, "%,.2f", 1234.5);
    out.println("locale    de-DE formats 1234.5 as " + german);
    ok &= german.equals("1.234,50");

    try {
      System.setProperty("glass.platform", System.getProperty("glass.platform", "Headless"));
      System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
      CountDownLatch started = new CountDownLatch(1);
      javafx.application.Platform.startup(started::countDown);
      boolean up = started.await(20, TimeUnit.SECONDS);
      String rendered = up ? render().get(20, TimeUnit.SECONDS) : "";
      javafx.application.Platform.exit();
      out.println(
          "javafx    "
              + (up
                  ? System.getProperty("javafx.runtime.version") + " started headless, " + rendered
                  : "FAILED to start"));
      ok &= up;
    } catch (RuntimeException | LinkageError | ExecutionException | TimeoutException e) {
      out.println("javafx    FAILED: " + e);
      ok = false;
    }

    try {
      out.println("anvil     " + FoundryToolchain.locate().anvil());
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      // Not fatal: a console on a real network needs no anvil.
      out.println("anvil     not available; the embedded devnet will not start. " + e.getMessage());
    }
    out.println(ok ? "self-check passed" : "self-check FAILED");
    return ok ? 0 : 1;
  }

  /**
   * Draws a scene as the console does (its theme and stylesheets, a PNG icon, a validated text
   * field, text) into an image: the packaged runtime leaves out java.desktop, which JavaFX and
   * ControlsFX declare but only use for features Waypost does not (Java2D, printing, ImageIO).
   */
  private static CompletableFuture<String> render() {
    CompletableFuture<String> done = new CompletableFuture<>();
    javafx.application.Platform.runLater(
        () -> {
          try {
            Image icon =
                new Image(
                    SelfCheckCommand.class.getResourceAsStream(
                        "/io/waypost/app/icons/waypost-256.png"));
            TextField field = new TextField();
            new ValidationSupport()
                .registerValidator(field, Validator.createEmptyValidator("required"));
            Scene scene =
                new Scene(new VBox(new Label("Waypost"), new ImageView(icon), field), 320, 320);
            Theme.apply(scene, false);
            WritableImage image = scene.snapshot(null);
            if (icon.isError() || image.getWidth() != 320) {
              throw new IllegalStateException("icon " + icon.getException());
            }
            done.complete(
                String.format("scene drawn (%.0f×%.0f)", image.getWidth(), image.getHeight()));
          } catch (RuntimeException | LinkageError e) {
            done.completeExceptionally(e);
          }
        });
    return done;
  }

  /**
   * What an HTTPS RPC URL needs of the runtime: the CA certificates, TLS 1.3 with ECDHE suites, and
   * a ClientHello actually made (its key shares are EC keys), without a network.
   */
  private static String tls() throws GeneralSecurityException, IOException {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init((KeyStore) null);
    int authorities = 0;
    for (var manager : trust.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        authorities += x509.getAcceptedIssuers().length;
      }
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null);
    SSLEngine engine = context.createSSLEngine("rpc.example", 443);
    engine.setUseClientMode(true);
    boolean tls13 = List.of(engine.getEnabledProtocols()).contains("TLSv1.3");
    long ecdhe =
        Arrays.stream(engine.getEnabledCipherSuites()).filter(s -> s.contains("_ECDHE_")).count();
    ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.beginHandshake();
    engine.wrap(ByteBuffer.allocate(0), hello);
    if (authorities == 0 || !tls13 || ecdhe == 0 || hello.position() == 0) {
      throw new IllegalStateException(
          authorities + " CA certificates, TLS 1.3 " + tls13 + ", " + ecdhe + " ECDHE suites");
    }
    return String.format(
        "%d CA certificates, TLS 1.3, %d ECDHE suites, ClientHello of %d bytes",
        authorities, ecdhe, hello.position());
  }
}
