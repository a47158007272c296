package io.waypost.app.console.common;

import java.util.ArrayList;
import java.util.List;

/** What a screen subscribed to while shown, released together when it is hidden. */
public final class Subscriptions {

  private final List<AutoCloseable> open = new ArrayList<>();

  public synchronized void add(AutoCloseable subscription) {
    open.add(subscription);
  }

  public synchronized void closeAll() {
    for (AutoCloseable subscription : open) {
      try {
        subscription.close();
      } catch (Exception ignored) {
        // a listener that is already gone
      }
    }
    open.clear();
  }
}
