package io.waypost.core.discovery.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * TXT lookups with dnsjava: against one DNS server ({@code host:port}), or the system's resolvers
 * (from /etc/resolv.conf and the like) when none is given. A truncated UDP answer is retried over
 * TCP by dnsjava, so entries longer than one packet still arrive.
 */
public final class DnsTxtResolver implements TxtResolver {

  private final Resolver resolver;
  private final String server;

  private DnsTxtResolver(Resolver resolver, String server) {
    this.resolver = resolver;
    this.server = server;
  }

  /**
   * @param server {@code host[:port]} (port 53 by default), or empty for the system's resolvers
   * @throws IllegalArgumentException if the server text is not host[:port]
   */
  public static DnsTxtResolver create(Optional<String> server, Duration timeout) {
    Resolver resolver;
    String label;
    if (server.isPresent()) {
      InetSocketAddress address = parseServer(server.get());
      resolver = new SimpleResolver(address);
      label = server.get();
    } else {
      resolver = new ExtendedResolver();
      label = "the system's DNS resolver";
    }
    resolver.setTimeout(timeout);
    return new DnsTxtResolver(resolver, label);
  }

  static InetSocketAddress parseServer(String text) {
    String host = text.strip();
    int port = 53;
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(':') == colon) {
      try {
        port = Integer.parseInt(host.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("DNS server '" + text + "': the port is not a number");
      }
      host = host.substring(0, colon);
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("DNS server '" + text + "' is not host[:port]");
    }
    return new InetSocketAddress(host.replace("[", "").replace("]", ""), port);
  }

  @Override
  public List<String> txt(String name) throws EnrTreeException {
    Message response;
    try {
      Name query = Name.fromString(name.endsWith(".") ? name : name + ".");
      response = resolver.send(Message.newQuery(Record.newRecord(query, Type.TXT, DClass.IN)));
    } catch (TextParseException e) {
      throw new EnrTreeException("'" + name + "' is not a DNS name");
    } catch (IOException e) {
      throw new EnrTreeException("cannot ask " + server + " for " + name + ": " + describe(e), e);
    }
    int rcode = response.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return List.of();
    }
    if (rcode != Rcode.NOERROR) {
      throw new EnrTreeException(server + " answered " + Rcode.string(rcode) + " for TXT " + name);
    }
    List<String> out = new ArrayList<>();
    for (Record record : response.getSection(Section.ANSWER)) {
      if (record instanceof TXTRecord txt) {
        out.add(String.join("", txt.getStrings()));
      }
    }
    return out;
  }

  /** The cause in words: a user reads "nothing listens there", not a Java class name. */
  static String describe(IOException e) {
    return switch (e) {
      case java.net.PortUnreachableException p -> "nothing answers DNS there (port unreachable)";
      case java.net.SocketTimeoutException t -> "no answer in time";
      case java.net.UnknownHostException u -> "the server's name does not resolve";
      case java.net.ConnectException c -> "the connection was refused";
      default -> e.getMessage() == null ? "a network error" : e.getMessage();
    };
  }

  @Override
  public String toString() {
    return server;
  }
}
