package io.waypost.app.console;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Who listens to one value that changes now and then; a newcomer hears the current value. */
final class Listeners<T> {

  private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

  /** Adds {@code listener}, tells it {@code current} if there is one; closing removes it. */
  AutoCloseable add(Consumer<T> listener, Optional<T> current) {
    listeners.add(listener);
    current.ifPresent(listener);
    return () -> listeners.remove(listener);
  }

  void tell(T value) {
    listeners.forEach(listener -> listener.accept(value));
  }
}
