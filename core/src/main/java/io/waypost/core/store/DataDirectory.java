package io.waypost.core.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where Waypost keeps its data (the SQLite store, keystores, node keys, devnet state): an explicit
 * choice (a {@code --data-dir} flag or {@code WAYPOST_DATA_DIR}) or the platform's convention —
 * {@code $XDG_DATA_HOME/waypost} (default {@code ~/.local/share/waypost}) on Linux, {@code
 * ~/Library/Application Support/Waypost} on macOS, {@code %APPDATA%\Waypost} on Windows.
 */
public final class DataDirectory {

  private DataDirectory() {}

  /** The data directory for this process's environment and an optional explicit choice. */
  public static Path resolve(Optional<Path> explicit) {
    return resolve(explicit, System.getenv(), System.getProperty("os.name", ""), userHome());
  }

  static Path resolve(Optional<Path> explicit, Map<String, String> env, String osName, Path home) {
    if (explicit.isPresent()) {
      return explicit.get().toAbsolutePath();
    }
    String fromEnv = env.get("WAYPOST_DATA_DIR");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath();
    }
    String os = osName.toLowerCase(java.util.Locale.ROOT);
    if (os.startsWith("mac")) {
      return home.resolve("Library").resolve("Application Support").resolve("Waypost");
    }
    if (os.startsWith("windows")) {
      String appData = env.get("APPDATA");
      Path base =
          appData == null || appData.isBlank()
              ? home.resolve("AppData").resolve("Roaming")
              : Path.of(appData);
      return base.resolve("Waypost");
    }
    String xdg = env.get("XDG_DATA_HOME");
    Path base =
        xdg == null || xdg.isBlank() || !Path.of(xdg).isAbsolute()
            ? home.resolve(".local").resolve("share")
            : Path.of(xdg);
    return base.resolve("waypost");
  }

  private static Path userHome() {
    return Path.of(System.getProperty("user.home"));
  }
}
