package io.waypost.core.discovery.dns;

import java.util.List;

/** Reads TXT records: one string per record, its character-strings joined. */
@FunctionalInterface
public interface TxtResolver {

  /**
   * @return the TXT records at {@code name}, empty if the name has none
   * @throws EnrTreeException if the DNS server could not be asked or refused to answer
   */
  List<String> txt(String name) throws EnrTreeException;
}
