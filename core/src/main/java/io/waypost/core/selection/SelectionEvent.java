package io.waypost.core.selection;

import java.util.Optional;

/** What a client is told about its server choice. */
public record SelectionEvent(Kind kind, Optional<Candidate> server, String message) {

  public enum Kind {
    /** The first choice. */
    SELECTED,
    /** A different server than before (the previous one failed, left or was graylisted). */
    CHANGED,
    /** No usable server at all. */
    NONE_AVAILABLE,
    /** The pinned server failed; the user is told, and selection falls back. */
    PINNED_FAILED
  }
}
