// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RegistryFixture} from "./RegistryFixture.sol";
import {WaypostRegistry} from "../src/WaypostRegistry.sol";

/// Gas of the registry's main operations in realistic states. Under plain `forge test` each figure
/// is the execution gas of the call itself (no 21,000 intrinsic gas, no calldata); under
/// `forge test --gas-report` or `--isolate` each call is its own transaction and the figures are
/// whole-transaction gas (see docs/benchmarks.md). The build runs plain `forge test` with
/// FORGE_SNAPSHOT_CHECK=true, so any change to snapshots/RegistryGas.json fails it until the
/// snapshot is deliberately updated.
contract GasTest is RegistryFixture {
    bytes32 internal registeredNode;
    bytes32[] internal hundredNodes;

    /// State is prepared here so that every measured call starts, like a real transaction, with
    /// cold storage: forge runs setUp and each test as separate calls with their own access lists.
    function setUp() public override {
        super.setUp();
        applyAs(applicant);
        registeredNode = registerAs(status, NODE_KEY, mailserver);
        for (uint256 i = 0; i < 100; ++i) {
            hundredNodes.push(registerAs(status, uint256(keccak256(abi.encode("gas node", i))), mailserver));
        }
    }

    function test_gas_registerNode() public {
        (bytes memory key, uint64 expiry, bytes memory sig) = proofFor(OTHER_NODE_KEY, status, mailserver);
        vm.prank(status);
        submit(registry, mailserver, key, expiry, sig);
        vm.snapshotGasLastCall("RegistryGas", "registerNode");
    }

    function test_gas_registerNodes10() public {
        WaypostRegistry.NodeRegistration[] memory batch = new WaypostRegistry.NodeRegistration[](10);
        for (uint256 i = 0; i < 10; ++i) {
            batch[i] = batchEntry(uint256(keccak256(abi.encode("batch node", i))), status, mailserver);
        }
        vm.prank(status);
        registry.registerNodes(batch);
        vm.snapshotGasLastCall("RegistryGas", "registerNodes_10");
    }

    function test_gas_registerNodeSecondService() public {
        (bytes memory key, uint64 expiry, bytes memory sig) = proofFor(NODE_KEY, status, push);
        vm.prank(status);
        submit(registry, push, key, expiry, sig);
        vm.snapshotGasLastCall("RegistryGas", "registerNode_secondService");
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

    function test_gas_removeNode() public {
        vm.prank(status);
        registry.removeNode(registeredNode, mailserver);
        vm.snapshotGasLastCall("RegistryGas", "removeNode");
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

    function proofFor(uint256 nodeKey, address provider, bytes32 service)
        internal
        returns (bytes memory key, uint64 expiry, bytes memory sig)
    {
        (,, uint32 nonce) = registry.getNode(nodeIdOf(nodeKey));
        expiry = uint64(block.timestamp + 1 hours);
        sig = signRegistration(registry, nodeKey, provider, service, nonce, expiry);
        key = publicKeyOf(nodeKey);
    }
}
