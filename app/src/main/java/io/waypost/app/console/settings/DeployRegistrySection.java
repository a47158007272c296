package io.waypost.app.console.settings;

import io.waypost.app.console.AccountOption;
import io.waypost.app.console.ConsoleContext;
import io.waypost.app.console.UiThread;
import io.waypost.app.console.common.Keyboard;
import io.waypost.app.console.common.Notifications;
import io.waypost.core.chain.ChainConnection;
import io.waypost.core.model.Address;
import io.waypost.core.network.NetworkProfile;
import io.waypost.core.network.ProfileInput;
import io.waypost.core.registry.RegistryDeployment;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Settings' "Deploy a new registry": the console's {@code waypost deploy}. The acting account
 * deploys through {@link RegistryDeployment} (the command line's code), each step shows as it
 * happens, and the new registry is saved as a network profile, ready to connect to. Every field is
 * checked before anything is sent.
 */
final class DeployRegistrySection {

  final TextField name = field("deploy-name", "Network name", "e.g. staging");
  final TextField rpcUrl = field("deploy-rpc-url", "RPC URL", "https://… or wss://…");
  final TextField chainId = field("deploy-chain-id", "Chain id", "e.g. 11155111");
  final TextField owner = field("deploy-owner", "Owner", "0x…, empty: the acting account");
  final TextArea curators = area("deploy-curators", "Curators", "curator addresses, one a line");
  final TextArea services = area("deploy-services", "Services", "service names, one a line");
  final TextField defaultProvider =
      field("deploy-default-provider", "Default provider", "0x…, optional");
  final TextField defaultProviderName =
      field("deploy-default-provider-name", "Default provider's name", "e.g. Status");
  final TextField defaultProviderUri =
      field("deploy-default-provider-uri", "Default provider's page", "https://…");
  final TextField confirmations =
      field("deploy-confirmations", "Confirmations to wait for", "0: mined is enough");
  final Button deploy = new Button("Deploy with the acting account");
  final Label status = new Label();
  private final VBox root;
  private final ConsoleContext context;
  private final Notifications notifications;
  private final Runnable saved;

  DeployRegistrySection(ConsoleContext context, Notifications notifications, Runnable saved) {
    this.context = context;
    this.notifications = notifications;
    this.saved = saved;
    services.setText("mailserver\npush-notification");
    confirmations.setText("0");
    deploy.setId("deploy-registry");
    deploy.setAccessibleText("Deploy a new registry with the acting account");
    deploy.setOnAction(e -> deploy());
    status.setId("deploy-status");
    status.setWrapText(true);
    status.setAccessibleText("Deployment progress");
    GridPane form = new GridPane();
    form.setHgap(10);
    form.setVgap(8);
    List<Node> fields =
        List.of(
            name,
            rpcUrl,
            chainId,
            owner,
            curators,
            services,
            defaultProvider,
            defaultProviderName,
            defaultProviderUri,
            confirmations);
    for (int row = 0; row < fields.size(); row++) {
      Node field = fields.get(row);
      form.addRow(row, new Label(field.getAccessibleText()), field);
      GridPane.setHgrow(field, Priority.ALWAYS);
    }
    Label intro =
        new Label(
            "Deploys a registry on a chain, waits for its confirmations, and saves it as a network"
                + " you can connect to. Curators can be added here only when the acting account"
                + " is the owner.");
    intro.setWrapText(true);
    root = new VBox(8, intro, form, deploy, status);
  }

  Node root() {
    return root;
  }

  private void deploy() {
    Optional<AccountOption> acting = context.activeAccount().filter(AccountOption::unlocked);
    if (acting.isEmpty()) {
      fail("Choose and unlock the account that pays for the deployment (Accounts, below).");
      return;
    }
    NetworkProfile target;
    RegistryDeployment.Plan plan;
    try {
      // A placeholder registry: ProfileInput checks name, URL and chain id as everywhere else.
      target =
          new ProfileInput(
                  name.getText(),
                  rpcUrl.getText(),
                  chainId.getText(),
                  "0x" + "1".repeat(40),
                  "",
                  "",
                  "",
                  "")
              .toProfile();
      if (NetworkProfile.DEVNET.equals(target.name())
          || context.profiles().find(target.name()).isPresent()) {
        throw new IllegalArgumentException(
            "A network named '" + target.name() + "' exists already; choose another name");
      }
      plan = plan(acting.get().address());
      RegistryDeployment.check(plan, acting.get().address());
    } catch (IllegalArgumentException invalid) {
      fail(invalid.getMessage());
      return;
    }
    deploy.setDisable(true);
    status.setText("Connecting to " + target.rpc() + " …");
    CompletableFuture<RegistryDeployment.Result> task =
        CompletableFuture.supplyAsync(
            () -> {
              try (ChainConnection chain = context.openChain(target.rpc(), target.chainId())) {
                return new RegistryDeployment(chain, context.work())
                    .deploy(plan, acting.get().credentials().orElseThrow(), this::show);
              } catch (RuntimeException e) {
                throw e;
              } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            },
            context.work());
    notifications.track("Deploying a registry", "on " + target.name(), task, false);
    task.whenComplete(
        (result, failure) -> {
          if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            UiThread.run(
                () -> {
                  deploy.setDisable(false);
                  status.setText("Not deployed: " + cause.getMessage());
                });
            return;
          }
          NetworkProfile profile =
              new NetworkProfile(
                  target.name(),
                  target.rpc(),
                  target.chainId(),
                  result.registry(),
                  result.deploymentBlock(),
                  plan.defaultProvider().map(p -> List.of(p.address())).orElse(List.<Address>of()),
                  List.of());
          context.profiles().save(profile);
          notifications.show(
              Notifications.Level.SUCCESS,
              "Registry deployed",
              result.registry().checksummed() + " saved as network " + profile.name());
          saved.run();
          UiThread.run(
              () -> {
                deploy.setDisable(false);
                status.setText(
                    "Deployed "
                        + result.registry().checksummed()
                        + " in block "
                        + result.deploymentBlock()
                        + " (transaction "
                        + result.transactionHash()
                        + "); saved as network "
                        + profile.name()
                        + ": select it above and connect.");
              });
        });
  }

  private RegistryDeployment.Plan plan(Address acting) {
    Address ownerAddress =
        owner.getText().isBlank() ? acting : address("The owner", owner.getText());
    List<Address> curatorAddresses =
        lines(curators.getText()).stream().map(t -> address("The curator", t)).toList();
    List<String> serviceNames = lines(services.getText());
    for (String service : serviceNames) {
      if (!service.matches("[a-z0-9][a-z0-9-]{0,31}")) {
        throw new IllegalArgumentException(
            "The service name '"
                + service
                + "' is not valid: 1 to 32 lower-case letters, digits and '-'");
      }
    }
    boolean anyDefault =
        !defaultProvider.getText().isBlank()
            || !defaultProviderName.getText().isBlank()
            || !defaultProviderUri.getText().isBlank();
    Optional<RegistryDeployment.DefaultProvider> provider = Optional.empty();
    if (anyDefault) {
      if (defaultProvider.getText().isBlank()
          || defaultProviderName.getText().isBlank()
          || defaultProviderUri.getText().isBlank()) {
        throw new IllegalArgumentException(
            "A default provider needs its address, name and page together");
      }
      provider =
          Optional.of(
              new RegistryDeployment.DefaultProvider(
                  address("The default provider", defaultProvider.getText()),
                  defaultProviderName.getText().strip(),
                  defaultProviderUri.getText().strip()));
    }
    int depth;
    try {
      depth = Integer.parseInt(confirmations.getText().strip());
    } catch (NumberFormatException e) {
      depth = -1;
    }
    if (depth < 0 || depth > 1000) {
      throw new IllegalArgumentException(
          "Confirmations: a number from 0 to 1000, not '" + confirmations.getText() + "'");
    }
    return new RegistryDeployment.Plan(
        ownerAddress, curatorAddresses, provider, serviceNames, depth);
  }

  /** An address; in mixed case its EIP-55 checksum must be right, as on the command line. */
  private static Address address(String what, String text) {
    String value = text.strip();
    Address address;
    try {
      address = Address.of(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " '" + value + "' is not an address");
    }
    String digits = value.substring(2);
    boolean mixed =
        !digits.equals(digits.toLowerCase(Locale.ROOT))
            && !digits.equals(digits.toUpperCase(Locale.ROOT));
    if (mixed && !address.checksummed().equals(value)) {
      throw new IllegalArgumentException(
          what + " '" + value + "' has a wrong EIP-55 checksum (a typo?)");
    }
    return address;
  }

  private static List<String> lines(String text) {
    return text == null
        ? List.of()
        : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /** Progress from the deploying thread, shown on the FX thread. */
  private void show(RegistryDeployment.Step step) {
    String text =
        switch (step) {
          case RegistryDeployment.Step.Sending s -> "Signing and sending the deployment …";
          case RegistryDeployment.Step.Mined m ->
              "Mined in block " + m.block() + ": " + m.registry().checksummed();
          case RegistryDeployment.Step.Confirming c ->
              "Waiting for confirmations: block " + c.head() + " of " + c.wanted() + " …";
          case RegistryDeployment.Step.CuratorAdded a ->
              "Curator " + a.curator().checksummed() + " added";
          case RegistryDeployment.Step.Done d -> "Deployed.";
        };
    UiThread.run(() -> status.setText(text));
  }

  private void fail(String message) {
    status.setText(message);
    notifications.show(Notifications.Level.ERROR, "Cannot deploy", message);
  }

  private static TextField field(String id, String name, String prompt) {
    TextField field = new TextField();
    field.setId(id);
    field.setAccessibleText(name);
    field.setPromptText(prompt);
    return field;
  }

  private static TextArea area(String id, String name, String prompt) {
    TextArea area = new TextArea();
    area.setId(id);
    area.setAccessibleText(name);
    area.setPromptText(prompt);
    area.setPrefRowCount(2);
    Keyboard.tabLeaves(area); // one entry a line: Tab moves on
    return area;
  }
}
