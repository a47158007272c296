package io.waypost.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Small user settings by key (theme, window layout, last profile), kept in the store. */
public final class Settings {

  private final Database database;

  public Settings(Database database) {
    this.database = database;
  }

  public Optional<String> get(String key) {
    return database.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT value FROM setting WHERE key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  public void put(String key, String value) {
    database.write(
        c -> {
          try (PreparedStatement upsert =
              c.prepareStatement(
                  "INSERT INTO setting (key, value) VALUES (?, ?)"
                      + " ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            upsert.setString(1, key);
            upsert.setString(2, value);
            upsert.executeUpdate();
          }
          return null;
        });
  }
}
