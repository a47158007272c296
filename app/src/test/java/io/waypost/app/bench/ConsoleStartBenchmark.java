package io.waypost.app.bench;

import io.waypost.app.console.ConsoleApp;
import io.waypost.app.console.ConsoleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * One cold start of the console: JVM start to the first frame of the window (the devnet boots in
 * the background and is not waited for), then the heap once the devnet is up. Run by
 * bench/console.sh in fresh JVMs.
 */
public final class ConsoleStartBenchmark extends Application {

  private ConsoleApp console;

  /** The entry point; a class that is not an Application, so the JavaFX launcher check passes. */
  public static final class Main {
    public static void main(String[] args) {
      Application.launch(ConsoleStartBenchmark.class, args);
    }
  }

  @Override
  public void start(Stage stage) throws Exception {
    Path dir = Files.createTempDirectory("waypost-start-bench");
    console = new ConsoleApp(ConsoleContext.Config.embedded(dir), Clock.systemUTC());
    console.start(stage);
    new AnimationTimer() {
      @Override
      public void handle(long now) {
        if (console.firstFrameMillis() < 0) {
          return;
        }
        stop();
        long frame = console.firstFrameMillis();
        long heapAtFrame = usedHeapMb();
        console
            .context()
            .startDevnetFuture()
            .whenComplete(
                (session, failure) ->
                    Platform.runLater(
                        () -> {
                          System.gc();
                          System.out.printf(
                              "FIRST_FRAME_MS %d HEAP_AT_FIRST_FRAME_MB %d HEAP_WITH_DEVNET_MB %d%n",
                              frame, heapAtFrame, usedHeapMb());
                          Platform.exit();
                        }));
      }
    }.start();
  }

  @Override
  public void stop() {
    console.stop();
  }

  private static long usedHeapMb() {
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
  }
}
