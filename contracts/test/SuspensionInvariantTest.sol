// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CheatBase} from "./base/TestBase.sol";
import {Vm} from "./base/Vm.sol";
import {RegistryFixture} from "./RegistryFixture.sol";
import {WaypostRegistry} from "../src/WaypostRegistry.sol";

/// A suspended provider trying everything it can on its own: withdraw, re-apply, update its
/// metadata, register nodes with fresh proofs from its nodes' own keys, remove them, wait for
/// cooldowns, and the curators doing everything except reinstating it (approving, rejecting,
/// accepting its updates).
contract SuspendedProviderHandler is CheatBase {
    WaypostRegistry public immutable registry;
    address public immutable provider;
    address public immutable curator;
    uint256[] public nodeKeys;
    bytes32[] public services;

    constructor(
        WaypostRegistry registry_,
        address provider_,
        address curator_,
        uint256[] memory nodeKeys_,
        bytes32[] memory services_
    ) {
        registry = registry_;
        provider = provider_;
        curator = curator_;
        nodeKeys = nodeKeys_;
        services = services_;
    }

    function withdraw() external {
        vm.prank(provider);
        registry.withdrawProvider();
    }

    function reapply(bool sameName) external {
        vm.prank(provider);
        registry.applyAsProvider(sameName ? "Old Mail Co" : "Brand New Mail", "https://new.example");
    }

    function update(bool sameName) external {
        vm.prank(provider);
        registry.updateProvider(sameName ? "Old Mail Co" : "Status", "https://status.app");
    }

    function register(uint256 nodeIndex, uint256 serviceIndex, uint32 lifetime) external {
        uint256 key = nodeKeys[nodeIndex % nodeKeys.length];
        bytes32 service = services[serviceIndex % services.length];
        Vm.Wallet memory w = vm.createWallet(key);
        bytes32 nodeId = keccak256(abi.encodePacked(w.publicKeyX, w.publicKeyY));
        (,, uint32 nonce) = registry.getNode(nodeId);
        uint64 expiry = uint64(block.timestamp + lifetime % 7 days);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key, registry.nodeRegistrationDigest(nodeId, provider, service, nonce, expiry));
        vm.prank(provider);
        registry.registerNode(service, nodeId, expiry, r, v == 28 ? s | bytes32(uint256(1) << 255) : s);
    }

    function remove(uint256 nodeIndex, uint256 serviceIndex) external {
        Vm.Wallet memory w = vm.createWallet(nodeKeys[nodeIndex % nodeKeys.length]);
        vm.prank(provider);
        registry.removeNode(keccak256(abi.encodePacked(w.publicKeyX, w.publicKeyY)), services[serviceIndex % 2]);
    }

    function wait(uint32 seconds_) external {
        vm.warp(block.timestamp + seconds_ % 60 days);
    }

    /// Curators do their work, short of reinstating this provider.
    function curate(uint8 action) external {
        vm.startPrank(curator);
        uint8 a = action % 4;
        if (a == 0) {
            registry.approveProvider(provider);
        } else if (a == 1) {
            registry.rejectProvider(provider, "fuzzed");
        } else if (a == 2) {
            (, string memory name, string memory uri) = registry.pendingProviderUpdate(provider);
            registry.acceptProviderUpdate(provider, name, uri);
        } else {
            registry.suspendProvider(provider, "again");
        }
        vm.stopPrank();
    }
}

/// No sequence of calls by a suspended provider, nor any curator decision short of
/// `reinstateProvider`, makes any of its nodes verify.
contract SuspensionInvariantTest is RegistryFixture {
    SuspendedProviderHandler internal handler;
    address internal oldMail = address(0x01D);
    uint256[] internal keys;
    bytes32[] internal nodeIds;

    function setUp() public override {
        super.setUp();
        vm.prank(oldMail);
        registry.applyAsProvider("Old Mail Co", "https://oldmail.example");
        vm.prank(curator);
        registry.approveProvider(oldMail);
        for (uint256 i = 1; i <= 4; ++i) {
            uint256 key = uint256(keccak256(abi.encode("old mail node", i)));
            keys.push(key);
            nodeIds.push(registerAs(oldMail, key, i % 2 == 0 ? mailserver : push));
        }
        assertTrue(verifies(nodeIds[0]), "verifies before the suspension");
        vm.prank(curator);
        registry.suspendProvider(oldMail, "served stale messages");
        bytes32[] memory svc = new bytes32[](2);
        svc[0] = mailserver;
        svc[1] = push;
        handler = new SuspendedProviderHandler(registry, oldMail, curator, keys, svc);
        targetContract(address(handler));
    }

    function verifies(bytes32 nodeId) internal view returns (bool) {
        (bool a,,) = registry.verify(nodeId, mailserver);
        (bool b,,) = registry.verify(nodeId, push);
        return a || b;
    }

    function invariant_suspendedProvidersNodesNeverVerify() public view {
        for (uint256 i = 0; i < nodeIds.length; ++i) {
            assertFalse(verifies(nodeIds[i]), "a suspended provider's node verifies");
        }
    }

    function invariant_onlyReinstatementLiftsASuspension() public view {
        assertTrue(statusOf(oldMail) == WaypostRegistry.ProviderStatus.Suspended, "suspension lifted");
    }
}
