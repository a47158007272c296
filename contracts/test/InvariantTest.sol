// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CheatBase} from "./base/TestBase.sol";
import {Vm} from "./base/Vm.sol";
import {RegistryFixture} from "./RegistryFixture.sol";
import {WaypostRegistry} from "../src/WaypostRegistry.sol";

/// Drives the registry through random sequences of every state-changing call by a small cast of
/// providers, curators and node keys, and counts the node events it sees.
contract RegistryHandler is CheatBase {
    WaypostRegistry public immutable registry;
    address public immutable curator;
    address[] public providers;
    uint256[] public nodeKeys;
    bytes32[] public services;

    uint256 public registeredEvents;
    uint256 public removedEvents;

    bytes32 private constant NODE_REGISTERED = keccak256("NodeRegistered(address,bytes32,bytes32)");
    bytes32 private constant NODE_REMOVED = keccak256("NodeRemoved(address,bytes32,bytes32,address)");

    constructor(WaypostRegistry registry_, address curator_, address[] memory providers_, bytes32[] memory services_) {
        registry = registry_;
        curator = curator_;
        providers = providers_;
        services = services_;
        for (uint256 i = 1; i <= 8; ++i) {
            nodeKeys.push(uint256(keccak256(abi.encode("waypost node", i))));
        }
    }

    function providerCount() external view returns (uint256) {
        return providers.length;
    }

    function nodeCount() external view returns (uint256) {
        return nodeKeys.length;
    }

    function nodeIdAt(uint256 i) public returns (bytes32) {
        Vm.Wallet memory w = vm.createWallet(nodeKeys[i % nodeKeys.length]);
        return keccak256(abi.encodePacked(w.publicKeyX, w.publicKeyY));
    }

    function applyAsProvider(uint256 who) external {
        _as(providers[who % providers.length]);
        registry.applyAsProvider("Provider", "https://provider.example");
    }

    function decide(uint256 who, uint8 action) external {
        address p = providers[who % providers.length];
        _as(curator);
        uint8 a = action % 4;
        if (a == 0) registry.approveProvider(p);
        else if (a == 1) registry.rejectProvider(p, "fuzzed");
        else if (a == 2) registry.suspendProvider(p, "fuzzed");
        else registry.reinstateProvider(p, "fuzzed");
    }

    function withdraw(uint256 who) external {
        _as(providers[who % providers.length]);
        registry.withdrawProvider();
    }

    function registerNode(uint256 who, uint256 nodeIndex, uint256 serviceIndex, bool honestSigner) external {
        address p = providers[who % providers.length];
        uint256 key = nodeKeys[nodeIndex % nodeKeys.length];
        bytes32 service = services[serviceIndex % services.length];
        Vm.Wallet memory w = vm.createWallet(key);
        bytes memory publicKey = abi.encodePacked(w.publicKeyX, w.publicKeyY);
        uint64 expiry = uint64(block.timestamp + 60);
        uint256 signingKey = honestSigner ? key : nodeKeys[(nodeIndex + 1) % nodeKeys.length];
        (bytes32 r, bytes32 vs) = _proof(signingKey, keccak256(publicKey), p, service, expiry);
        _as(p);
        registry.registerNode(service, bytes32(w.publicKeyX), bytes32(w.publicKeyY), expiry, r, vs);
        _count();
    }

    function _proof(uint256 signingKey, bytes32 nodeId, address p, bytes32 service, uint64 expiry)
        private
        view
        returns (bytes32 r, bytes32 vs)
    {
        (,, uint32 nonce) = registry.getNode(nodeId);
        uint8 v;
        bytes32 s;
        (v, r, s) = vm.sign(signingKey, registry.nodeRegistrationDigest(nodeId, p, service, nonce, expiry));
        vs = v == 28 ? s | bytes32(uint256(1) << 255) : s;
    }

    function removeNode(uint256 nodeIndex, uint256 serviceIndex, uint256 caller) external {
        bytes32 nodeId = nodeIdAt(nodeIndex % nodeKeys.length);
        (address holder,,) = registry.getNode(nodeId);
        // Sometimes the holder, sometimes a curator, sometimes another provider (refused).
        address by = caller % 3 == 0 ? curator : caller % 3 == 1 ? holder : providers[caller % providers.length];
        _as(by);
        registry.removeNode(nodeId, services[serviceIndex % services.length]);
        _count();
    }

    function _as(address who) private {
        vm.recordLogs();
        vm.prank(who);
    }

    /// Counts the node events of the call just made; invariants compare them with the counters.
    function _count() private {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].topics.length == 0 || logs[i].emitter != address(registry)) continue;
            if (logs[i].topics[0] == NODE_REGISTERED) ++registeredEvents;
            else if (logs[i].topics[0] == NODE_REMOVED) ++removedEvents;
        }
    }
}

contract InvariantTest is RegistryFixture {
    RegistryHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory actors = new address[](4);
        actors[0] = status;
        actors[1] = applicant;
        actors[2] = stranger;
        actors[3] = address(0xD00D);
        bytes32[] memory svc = new bytes32[](2);
        svc[0] = mailserver;
        svc[1] = push;
        handler = new RegistryHandler(registry, curator, actors, svc);
        targetContract(address(handler));
    }

    /// Every node that verifies as trusted has an approved provider that holds it.
    function invariant_trustedNodesHaveApprovedProviders() public {
        for (uint256 i = 0; i < handler.nodeCount(); ++i) {
            bytes32 nodeId = handler.nodeIdAt(i);
            for (uint256 s = 0; s < 2; ++s) {
                (bool trusted, address p, WaypostRegistry.ProviderStatus st) =
                    registry.verify(nodeId, s == 0 ? mailserver : push);
                if (trusted) {
                    assertTrue(st == WaypostRegistry.ProviderStatus.Approved, "trusted node with unapproved provider");
                    assertTrue(statusOf(p) == WaypostRegistry.ProviderStatus.Approved, "provider record disagrees");
                }
            }
        }
    }

    /// A node has at most one provider: every service it is registered for names the same one.
    function invariant_noNodeHasTwoProviders() public {
        for (uint256 i = 0; i < handler.nodeCount(); ++i) {
            bytes32 nodeId = handler.nodeIdAt(i);
            (address holder, bytes32[] memory svc,) = registry.getNode(nodeId);
            assertEq(holder == address(0), svc.length == 0, "a holder exactly when some service is registered");
            for (uint256 s = 0; s < svc.length; ++s) {
                (, address p,) = registry.verify(nodeId, svc[s]);
                assertEq(p, holder, "service registered under another provider");
            }
        }
    }

    /// The registrations on record agree with the events emitted: every NodeRegistered not undone
    /// by a NodeRemoved is a service bit set on some node, and nothing else is.
    function invariant_registrationsAgreeWithEvents() public {
        uint256 listed;
        for (uint256 i = 0; i < handler.nodeCount(); ++i) {
            (, bytes32[] memory svc,) = registry.getNode(handler.nodeIdAt(i));
            listed += svc.length;
        }
        assertEq(listed, handler.registeredEvents() - handler.removedEvents(), "registrations vs events");
    }
}
