// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RegistryFixture} from "./RegistryFixture.sol";
import {WaypostRegistry} from "../src/WaypostRegistry.sol";

/// The 2018 Status `MailServerRegistry.add`, rewritten for solc 0.8.30 as the like-for-like baseline:
/// a controller-only call that stores a 64-byte node key in a `mapping(bytes => bool)` and emits it.
/// No provider, no proof that the node consents, no service.
contract Baseline2018Registry {
    event MailServerAdded(bytes a);

    address public controller; // a storage variable, as in the 2018 `Controlled` base
    mapping(bytes => bool) internal servers;

    constructor(address controller_) {
        controller = controller_;
    }

    function add(bytes calldata a) external {
        require(msg.sender == controller, "only controller");
        servers[a] = true;
        emit MailServerAdded(a);
    }
}

/// Gas of the registry's main operations in realistic states, two figures each in
/// snapshots/RegistryGas.json: `<name>` is the execution gas of the call itself, and `<name>_tx`
/// the whole transaction's gas that a sender pays for that call: 21,000 + calldata (4 per zero
/// byte, 16 per other byte, or the EIP-7623 floor if higher) + execution. `bench/registry-gas.sh`
/// cross-checks the `_tx` figures against forge's gas report, which runs each call as a real
/// transaction. The build runs `forge test` with FORGE_SNAPSHOT_CHECK=true, so any change to the
/// snapshot fails it until the snapshot is deliberately updated.
///
/// Every measured call starts with cold storage, like a real transaction: everything it needs,
/// proofs included, is prepared in `setUp` (forge runs setUp and each test as separate calls with
/// their own access lists), and a test makes no call to the registry before the measured one.
contract GasTest is RegistryFixture {
    bytes32 internal registeredNode;
    bytes32[] internal hundredNodes;
    Baseline2018Registry internal baseline;
    bytes internal baselineKey;

    WaypostRegistry.NodeProof internal newNode;
    WaypostRegistry.NodeProof internal secondService;
    WaypostRegistry.NodeProof[] internal batchOfTen;
    RevocationProof internal revocation;

    struct RevocationProof {
        bytes32 nodeId;
        uint64 expiry;
        bytes32 r;
        bytes32 vs;
    }

    function setUp() public override {
        // A realistic clock, so that expiries take as many calldata bytes as real ones (2027).
        vm.warp(1_800_000_000);
        super.setUp();
        applyAs(applicant);
        registeredNode = registerAs(status, NODE_KEY, mailserver);
        for (uint256 i = 0; i < 100; ++i) {
            hundredNodes.push(registerAs(status, uint256(keccak256(abi.encode("gas node", i))), mailserver));
        }
        newNode = batchEntry(OTHER_NODE_KEY, status, mailserver);
        secondService = batchEntry(NODE_KEY, status, push);
        for (uint256 i = 0; i < 10; ++i) {
            batchOfTen.push(batchEntry(uint256(keccak256(abi.encode("batch node", i))), status, mailserver));
        }
        revocation.nodeId = registeredNode;
        revocation.expiry = uint64(block.timestamp + 1 hours);
        (revocation.r, revocation.vs) = compact(signRevocation(NODE_KEY, mailserver, revocation.expiry));
        vm.prank(status);
        registry.updateProvider("Status", "https://status.app/v2");
        baseline = new Baseline2018Registry(curator);
        baselineKey = publicKeyOf(OTHER_NODE_KEY);
    }

    function test_gas_registerNode() public {
        WaypostRegistry.NodeProof memory n = newNode;
        vm.prank(status);
        registry.registerNode(mailserver, n.nodeId, n.expiry, n.r, n.vs);
        uint256 execution = vm.snapshotGasLastCall("RegistryGas", "registerNode");
        snapshotTransaction(
            "registerNode",
            abi.encodeCall(registry.registerNode, (mailserver, n.nodeId, n.expiry, n.r, n.vs)),
            execution
        );
    }

    function test_gas_registerNodes10() public {
        WaypostRegistry.NodeProof[] memory batch = batchOfTen;
        vm.prank(status);
        registry.registerNodes(mailserver, batch);
        uint256 execution = vm.snapshotGasLastCall("RegistryGas", "registerNodes_10");
        uint256 transaction = snapshotTransaction(
            "registerNodes_10", abi.encodeCall(registry.registerNodes, (mailserver, batch)), execution
        );
        vm.snapshotValue("RegistryGas", "registerNodes_10_tx_per_node", transaction / 10);
    }

    function test_gas_registerNodeSecondService() public {
        WaypostRegistry.NodeProof memory n = secondService;
        vm.prank(status);
        registry.registerNode(push, n.nodeId, n.expiry, n.r, n.vs);
        uint256 execution = vm.snapshotGasLastCall("RegistryGas", "registerNode_secondService");
        snapshotTransaction(
            "registerNode_secondService",
            abi.encodeCall(registry.registerNode, (push, n.nodeId, n.expiry, n.r, n.vs)),
            execution
        );
    }

    /// The 2018 baseline's `add` of a new 64-byte key, measured the same way.
    function test_gas_baseline2018Add() public {
        bytes memory key = baselineKey;
        vm.prank(curator);
        baseline.add(key);
        uint256 execution = vm.snapshotGasLastCall("RegistryGas", "baseline2018_add");
        snapshotTransaction("baseline2018_add", abi.encodeCall(baseline.add, (key)), execution);
    }

    /// Records the gas of a transaction carrying `data` whose call uses `execution` gas.
    function snapshotTransaction(string memory name, bytes memory data, uint256 execution)
        internal
        returns (uint256 transaction)
    {
        uint256 zeros;
        for (uint256 i = 0; i < data.length; ++i) {
            if (data[i] == 0) ++zeros;
        }
        uint256 others = data.length - zeros;
        uint256 standard = 21_000 + 4 * zeros + 16 * others + execution;
        uint256 floor = 21_000 + 10 * (zeros + 4 * others); // EIP-7623 (Prague)
        transaction = standard > floor ? standard : floor;
        vm.snapshotValue("RegistryGas", string.concat(name, "_tx"), transaction);
    }

    function test_gas_applyAsProvider() public {
        vm.prank(stranger);
        registry.applyAsProvider("Applicant", "https://applicant.example");
        vm.snapshotGasLastCall("RegistryGas", "applyAsProvider");
    }

    function test_gas_approveProvider() public {
        vm.prank(curator);
        registry.approveProvider(applicant);
        vm.snapshotGasLastCall("RegistryGas", "approveProvider");
    }

    function test_gas_suspendProvider() public {
        vm.prank(curator);
        registry.suspendProvider(status, "nodes serve stale data");
        vm.snapshotGasLastCall("RegistryGas", "suspendProvider");
    }

    function test_gas_acceptProviderUpdate() public {
        vm.prank(curator);
        registry.acceptProviderUpdate(status, "Status", "https://status.app/v2");
        vm.snapshotGasLastCall("RegistryGas", "acceptProviderUpdate");
    }

    function test_gas_removeNode() public {
        vm.prank(status);
        registry.removeNode(registeredNode, mailserver);
        vm.snapshotGasLastCall("RegistryGas", "removeNode");
    }

    function test_gas_revokeNode() public {
        RevocationProof memory p = revocation;
        registry.revokeNode(p.nodeId, mailserver, p.expiry, p.r, p.vs);
        vm.snapshotGasLastCall("RegistryGas", "revokeNode");
    }

    function test_gas_verify() public {
        registry.verify(registeredNode, mailserver);
        vm.snapshotGasLastCall("RegistryGas", "verify");
    }

    function test_gas_verifyBatch100() public {
        (bool[] memory trusted,,) = registry.verifyBatch(hundredNodes, mailserver);
        vm.snapshotGasLastCall("RegistryGas", "verifyBatch_100");
        assertTrue(trusted[0] && trusted[99], "batch verified");
    }
}
