package io.waypost.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite store: one file in WAL mode, schema brought up to date on open by versioned
 * migrations, each applied in its own transaction so a crash leaves either the old or the new
 * schema. All access goes through {@link #read} and {@link #write}; writes are serialized, as
 * SQLite allows one writer at a time anyway.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** Work done with a connection. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private final Path file;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  private Database(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * The likely cause of a failed open, in the user's terms: a directory, permissions, not SQLite.
   */
  private static String diagnose(Path file, SQLException e) {
    Path parent = file.toAbsolutePath().getParent();
    if (Files.isDirectory(file)) {
      return "it is a directory, not a file";
    }
    if (Files.exists(file) && (!Files.isReadable(file) || !Files.isWritable(file))) {
      return "no permission to read and write it (check its owner and mode)";
    }
    if (!Files.exists(file) && parent != null && !Files.isWritable(parent)) {
      return "no permission to create files in " + parent;
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("NOTADB") || message.contains("not a database")) {
      return "it is not a SQLite file (" + message + ")";
    }
    return message;
  }

  /** Opens (creating if needed) the store at {@code file} and migrates it to the latest schema. */
  public static Database open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new StoreException(
          "Cannot create the data directory " + file.getParent() + ": " + e.getMessage(), e);
    }
    Connection connection;
    try {
      // The driver is called directly: DriverManager looks drivers up through the thread's context
      // class loader, which is not the application's on some threads (JavaFX's, for one).
      connection =
          new org.sqlite.JDBC()
              .connect("jdbc:sqlite:" + file.toAbsolutePath(), new java.util.Properties());
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("PRAGMA synchronous=NORMAL");
        statement.execute("PRAGMA foreign_keys=ON");
        statement.execute("PRAGMA busy_timeout=5000");
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot open the store " + file + ": " + diagnose(file, e), e);
    }
    Database database = new Database(file, connection);
    try {
      database.migrate(Migrations.ALL);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  public Path file() {
    return file;
  }

  /** Runs read-only work. */
  public <T> T read(Work<T> work) {
    lock.lock();
    try {
      return work.apply(connection);
    } catch (SQLException e) {
      throw new StoreException("Reading the store failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Runs work in one transaction: all of it is stored, or none. */
  public <T> T write(Work<T> work) {
    lock.lock();
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.apply(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("Writing the store failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** The schema version the store is at. */
  public int schemaVersion() {
    return read(Database::currentVersion);
  }

  void migrate(List<String> migrations) {
    write(
        connection -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                    + " name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
          }
          return null;
        });
    int current = schemaVersion();
    if (current > migrations.size()) {
      throw new StoreException(
          "The store "
              + file
              + " has schema version "
              + current
              + ", newer than this Waypost knows ("
              + migrations.size()
              + "). Use a newer Waypost or another data directory.");
    }
    for (int version = current + 1; version <= migrations.size(); version++) {
      String name = migrations.get(version - 1);
      // Comment lines go first: a part that is only a comment is no statement to SQLite.
      String sql = load(name).replaceAll("(?m)^\\s*--.*$", "");
      int applied = version;
      write(
          connection -> {
            try (Statement statement = connection.createStatement()) {
              for (String part : sql.split(";\\s*(\\r?\\n|$)")) {
                if (!part.isBlank()) {
                  statement.execute(part);
                }
              }
            }
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")) {
              insert.setInt(1, applied);
              insert.setString(2, name);
              insert.setLong(3, System.currentTimeMillis());
              insert.executeUpdate();
            }
            return null;
          });
      LOG.info("store {}: applied migration {}", file, name);
    }
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }

  private static String load(String name) {
    try (InputStream in = Database.class.getResourceAsStream("migrations/" + name)) {
      if (in == null) {
        throw new StoreException("Migration " + name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("Cannot read migration " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("Closing the store {} failed: {}", file, e.getMessage());
    } finally {
      lock.unlock();
    }
  }
}
