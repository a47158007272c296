package io.waypost.app.cli;

import io.waypost.app.agent.AgentMetrics;
import io.waypost.app.agent.AgentOperations;
import io.waypost.core.discovery.DiscoveryNode;
import io.waypost.core.discovery.NodeKey;
import io.waypost.core.discovery.enr.InvalidRecordException;
import io.waypost.core.model.Address;
import io.waypost.core.model.ServiceId;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.registry.CompactSignature;
import io.waypost.core.registry.NodeRegistrationProof;
import io.waypost.core.request.AnswerSource;
import io.waypost.core.request.HttpBackend;
import io.waypost.core.request.RequestEndpoint;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The provider's node agent: runs beside a mail server (or any service node), holds its node key,
 * joins discv5, advertises the services by ENR entry and topic ads, answers pings and probes, and
 * prints what the provider needs to register the node. Stops cleanly on SIGTERM.
 */
@Command(
    name = "agent",
    description =
        "Run the node agent: advertise services over discv5, answer encrypted requests, and print"
            + " the node's registration proof.",
    footer = {
      "",
      "Every option can also come from an environment variable WAYPOST_<NAME> (--node-key is"
          + " WAYPOST_NODE_KEY; lists comma-separated; flags true or false) or from the --config"
          + " file (WAYPOST_CONFIG) of such lines. The command line wins over the environment,"
          + " the environment over the file."
    })
public final class AgentCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--node-key",
      required = true,
      paramLabel = "FILE",
      description = "Node key file (hex secp256k1 key): the node's identity.")
  Path nodeKey;

  @Option(
      names = "--create-key",
      description =
          "Create the node key file (owner-only) if it does not exist: a new node identity. Without"
              + " it a missing file is an error, so that a mistyped path never mints a new node.")
  boolean createKey;

  @Option(
      names = "--service",
      required = true,
      description = "A service to advertise, by name (repeatable), e.g. mailserver.")
  List<String> services = new ArrayList<>();

  @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to bind.")
  String bind;

  @Option(
      names = "--port",
      defaultValue = "9000",
      converter = Values.PortValue.class,
      description = "UDP port (0: any free one).")
  int port;

  @Option(
      names = "--external-ip",
      description =
          "The public IP to announce in the ENR; default: learned from peers' PONGs by discv5.")
  String externalIp;

  @Option(
      names = "--tcp-port",
      description =
          "TCP port of the encrypted request stream, announced in the ENR as tcp (default: the"
              + " UDP port's number).")
  int tcpPort;

  @Option(
      names = "--backend",
      description =
          "The service behind the agent: each decrypted request is POSTed to this URL and its"
              + " response streamed back encrypted, e.g. http://127.0.0.1:8080/query (default:"
              + " answer with the node's clock, for testing).")
  String backend;

  @Option(names = "--bootnode", description = "A bootnode, enr:... or enode://... (repeatable).")
  List<String> bootnodes = new ArrayList<>();

  @Option(
      names = "--provider",
      paramLabel = "0x…",
      converter = Values.AddressValue.class,
      description =
          "Provider address to sign proofs for; with it, --network (or --rpc, --chain-id,"
              + " --registry), or --registry and --chain-id offline.")
  Address provider;

  @Mixin ChainOptions chain;

  @Option(
      names = "--nonce",
      paramLabel = "N",
      converter = Values.NonNegativeValue.class,
      description =
          "The node's registration nonce; default: read from the registry when a network is"
              + " given, else 0. Each further service's proof takes the next one.")
  Long nonce;

  @Option(
      names = "--expiry-seconds",
      defaultValue = "3600",
      paramLabel = "SECONDS",
      converter = Values.ExpiryValue.class,
      description = "How long the proofs stay valid.")
  long expirySeconds;

  @Option(names = "--json", description = "Print the node's identity and proofs as JSON.")
  boolean json;

  @Option(
      names = "--metrics-port",
      description =
          "Serve Prometheus metrics (/metrics) and a health check (/health) on this TCP port"
              + " (default: not served).")
  Integer metricsPort;

  @Option(
      names = "--metrics-bind",
      defaultValue = "127.0.0.1",
      description = "Address for the metrics port (default: ${DEFAULT-VALUE}).")
  String metricsBind;

  @Option(
      names = "--log-format",
      defaultValue = "TEXT",
      paramLabel = "FORMAT",
      description =
          "Log lines on stderr as ${COMPLETION-CANDIDATES}: json is one object per line"
              + " (default: ${DEFAULT-VALUE}).")
  void logFormat(Logging.LogFormat format) {
    Logging.format(format);
  }

  @Option(
      names = AgentSettings.CONFIG,
      paramLabel = "FILE",
      description =
          "A file of WAYPOST_NAME=value lines giving options (see installer/waypost-agent.env).")
  Path config;

  /** Completes when the agent should stop; SIGTERM completes it, tests may too. */
  final CompletableFuture<Void> stop = new CompletableFuture<>();

  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  /** Completes with the running node, for tests. */
  final CompletableFuture<DiscoveryNode> started = new CompletableFuture<>();

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    if (services.size() > io.waypost.core.discovery.enr.ServiceEntry.MAX_SERVICES) {
      throw new ParameterException(
          spec.commandLine(),
          "at most " + io.waypost.core.discovery.enr.ServiceEntry.MAX_SERVICES + " services");
    }
    boolean online = chain.network != null || chain.rpc != null;
    if (provider == null && (chain.registry != null || chain.chainId != null || nonce != null)) {
      throw new ParameterException(
          spec.commandLine(), "--registry, --chain-id and --nonce are for proofs: add --provider");
    }
    if (provider != null && !online && (chain.registry == null || chain.chainId == null)) {
      throw new ParameterException(
          spec.commandLine(),
          "--provider needs the registry: --network NAME (or --rpc, --chain-id, --registry), or"
              + " --registry and --chain-id to sign offline with --nonce");
    }
    if (provider != null && online) {
      chain.check(true);
    }
    NodeKey key = nodeKey();
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("nodeId", key.nodeId().toString());
    identity.put("publicKeyX", key.publicKey().slice(0, 32).toHexString());
    identity.put("publicKeyY", key.publicKey().slice(32, 32).toHexString());
    List<String> names = services.stream().distinct().toList();
    if (provider != null) {
      identity.put(
          "proofs",
          online
              ? proofsFromChain(key, names)
              : proofs(key, names, chain.chainId, chain.registry, nonce == null ? 0 : nonce));
    }
    DiscoveryNode.Builder builder =
        DiscoveryNode.builder().nodeKey(key).bind(bind, port).tcpPort(tcpPort);
    if (externalIp != null) {
      builder.externalAddress(externalIp);
    }
    for (String bootnode : bootnodes) {
      try {
        builder.bootnode(bootnode);
      } catch (InvalidRecordException e) {
        throw new ParameterException(
            spec.commandLine(), "bad --bootnode " + bootnode + ": " + e.getMessage());
      }
    }
    names.forEach(name -> builder.advertise(ServiceId.of(name)));

    HttpBackend http = null;
    if (backend != null) {
      try {
        http = HttpBackend.of(backend);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "bad --backend: " + e.getMessage());
      }
    }
    AnswerSource source =
        http != null ? http : AnswerSource.of(RequestEndpoint.clockAnswer(Clock.systemUTC()));
    AgentMetrics metrics = new AgentMetrics();
    RequestEndpoint endpoint =
        RequestEndpoint.builder()
            .nodeKey(key.ecKeyPair())
            .source(source)
            .observer(metrics)
            .bind(bind, tcpPort == 0 ? port : tcpPort)
            .build();
    builder.tcpPort(endpoint.port());
    DiscoveryNode node;
    try {
      node = builder.build();
    } catch (RuntimeException e) {
      endpoint.close();
      throw e;
    }
    endpoint.installTalk(node);
    // On SIGTERM the JVM runs this hook and then halts: the hook waits for the clean stop below
    // (ads withdrawn, sockets closed) so that the halt does not cut it short.
    Thread hook =
        new Thread(
            () -> {
              stop.complete(null);
              try {
                stopped.get(15, java.util.concurrent.TimeUnit.SECONDS);
              } catch (Exception e) {
                // Give up waiting: the JVM halts anyway.
              }
            },
            "waypost-agent-sigterm");
    Runtime.getRuntime().addShutdownHook(hook);
    AgentOperations operations = null;
    try {
      node.start().join();
      if (metricsPort != null) {
        operations =
            AgentOperations.start(node, names, endpoint.port(), metrics, metricsBind, metricsPort);
        LOG.info("Metrics on http://{}:{}/metrics, health on /health", metricsBind, metricsPort);
      }
      identity.put("enr", node.localEnr());
      print(identity);
      LOG.info(
          "Agent running: advertising {} as node {}, requests on TCP port {} answered by {}",
          names,
          key.nodeId(),
          endpoint.port(),
          http != null ? http.endpoint() : "the built-in clock answer");
      started.complete(node);
      stop.join();
      LOG.info("Stopping the agent");
    } finally {
      if (operations != null) {
        operations.close();
      }
      node.close();
      endpoint.close();
      if (http != null) {
        http.close();
      }
      LOG.info("Agent stopped");
      stopped.complete(null);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Already in shutdown (SIGTERM): the hook is running, nothing to remove.
      }
    }
    return 0;
  }

  /** Loads the node key, or creates it if asked to; a wrong path is a usage error. */
  private NodeKey nodeKey() {
    if (Files.isDirectory(nodeKey)) {
      throw new ParameterException(
          spec.commandLine(), "--node-key: " + nodeKey + " is a directory, not a key file");
    }
    if (!Files.exists(nodeKey)) {
      if (!createKey) {
        throw new ParameterException(
            spec.commandLine(),
            "--node-key: "
                + nodeKey
                + " does not exist; add --create-key to create a new node identity there");
      }
      Path parent = nodeKey.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new ParameterException(
            spec.commandLine(),
            "--node-key: the directory " + parent + " does not exist (it is not created for you)");
      }
      return NodeKey.loadOrCreate(nodeKey, new SecureRandom());
    }
    if (!Files.isReadable(nodeKey)) {
      throw new ParameterException(
          spec.commandLine(),
          "--node-key: " + nodeKey + " is not readable (check its permissions)");
    }
    try {
      return NodeKey.load(nodeKey);
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalStateException(
          "the node key file " + nodeKey + " cannot be used: " + Errors.describe(e));
    }
  }

  /** Proofs with the node's nonce as the registry holds it now, read over the network. */
  private List<Map<String, Object>> proofsFromChain(NodeKey key, List<String> names)
      throws Exception {
    try (ChainContext context = ChainContext.open(chain)) {
      NetworkProfile profile = context.session().profile();
      long current = nonce != null ? nonce : context.registry().node(key.nodeId()).get().nonce();
      LOG.info("Node {} registration nonce {} (from {})", key.nodeId(), current, profile.name());
      return proofs(key, names, profile.chainId(), profile.registry(), current);
    }
  }

  /**
   * One proof per service, with consecutive nonces: the registry counts one up per registration, so
   * they register in nonce order, one by one or in one batch (which keeps this order).
   */
  private List<Map<String, Object>> proofs(
      NodeKey key, List<String> names, long chainId, Address registry, long firstNonce) {
    long expiry = clock.instant().getEpochSecond() + expirySeconds;
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      long nonce = firstNonce + i;
      ServiceId service = ServiceId.of(name);
      NodeRegistrationProof proof =
          new NodeRegistrationProof(
              chainId, registry.value(), key.nodeId(), provider.value(), service, nonce, expiry);
      Bytes rsv = proof.sign(key.ecKeyPair());
      CompactSignature compact = CompactSignature.fromRsv(rsv);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("service", name);
      p.put("serviceId", service.toString());
      p.put("provider", provider.checksummed());
      p.put("registry", registry.checksummed());
      p.put("chainId", chainId);
      p.put("nonce", nonce);
      p.put("expiry", expiry);
      p.put("signature", rsv.toHexString());
      p.put("r", compact.r().toHexString());
      p.put("vs", compact.vs().toHexString());
      out.add(p);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private void print(Map<String, Object> identity) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(identity));
      out.flush();
      return;
    }
    out.println("node id       " + identity.get("nodeId"));
    out.println("public key x  " + identity.get("publicKeyX"));
    out.println("public key y  " + identity.get("publicKeyY"));
    out.println("enr           " + identity.get("enr"));
    for (Map<String, Object> p :
        (List<Map<String, Object>>) identity.getOrDefault("proofs", List.of())) {
      out.printf(
          "proof for %s (%s), provider %s, registry %s, chain %s, nonce %s, expiry %s%n",
          p.get("service"),
          p.get("serviceId"),
          p.get("provider"),
          p.get("registry"),
          p.get("chainId"),
          p.get("nonce"),
          p.get("expiry"));
      out.println("  signature (r||s||v)  " + p.get("signature"));
      out.println("  r                    " + p.get("r"));
      out.println("  vs                   " + p.get("vs"));
      out.printf(
          "  registerNode(%s, %s, %s, %s, %s, %s)%n",
          p.get("serviceId"),
          identity.get("publicKeyX"),
          identity.get("publicKeyY"),
          p.get("expiry"),
          p.get("r"),
          p.get("vs"));
    }
    out.flush();
  }
}
