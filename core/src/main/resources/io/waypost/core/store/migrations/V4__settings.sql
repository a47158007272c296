-- Small user settings (theme, window layout, last profile): text values by key.
CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
