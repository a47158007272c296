// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CheatBase} from "./base/TestBase.sol";
import {Vm} from "./base/Vm.sol";
import {RegistryFixture} from "./RegistryFixture.sol";
import {WaypostRegistry} from "../src/WaypostRegistry.sol";

/// Drives the registry through random sequences of every state-changing call by a small cast of
/// providers, curators and node keys, and keeps the registrations its events describe: NodeRegistered
/// adds one, NodeRemoved takes one away, ProviderWithdrawn and ProviderRejected void all of that
/// provider's (exactly what an indexer does).
contract RegistryHandler is CheatBase {
    WaypostRegistry public immutable registry;
    address public immutable curator;
    address[] public providers;
    uint256[] public nodeKeys;
    bytes32[] public nodeIds;
    bytes32[] public services;

    /// node id => service id => provider, as the events tell it
    mapping(bytes32 => mapping(bytes32 => address)) public holderByEvents;

    bytes32 private constant NODE_REGISTERED = keccak256("NodeRegistered(address,bytes32,bytes32)");
    bytes32 private constant NODE_REMOVED = keccak256("NodeRemoved(address,bytes32,bytes32,address)");
    bytes32 private constant PROVIDER_WITHDRAWN = keccak256("ProviderWithdrawn(address)");
    bytes32 private constant PROVIDER_REJECTED = keccak256("ProviderRejected(address,address,string)");

    constructor(WaypostRegistry registry_, address curator_, address[] memory providers_, bytes32[] memory services_) {
        registry = registry_;
        curator = curator_;
        providers = providers_;
        services = services_;
        for (uint256 i = 1; i <= 8; ++i) {
            uint256 key = uint256(keccak256(abi.encode("waypost node", i)));
            nodeKeys.push(key);
            Vm.Wallet memory w = vm.createWallet(key);
            nodeIds.push(keccak256(abi.encodePacked(w.publicKeyX, w.publicKeyY)));
        }
    }

    function providerCount() external view returns (uint256) {
        return providers.length;
    }

    function nodeCount() external view returns (uint256) {
        return nodeKeys.length;
    }

    function nodeIdAt(uint256 i) public view returns (bytes32) {
        return nodeIds[i % nodeIds.length];
    }

    function applyAsProvider(uint256 who) external {
        _as(providers[who % providers.length]);
        registry.applyAsProvider("Provider", "https://provider.example");
        _count();
    }

    /// Lets time pass, so that cooldowns end and proofs expire.
    function warp(uint32 seconds_) external {
        vm.warp(block.timestamp + seconds_ % 10 days);
    }

    function decide(uint256 who, uint8 action) external {
        address p = providers[who % providers.length];
        _as(curator);
        uint8 a = action % 4;
        if (a == 0) registry.approveProvider(p);
        else if (a == 1) registry.rejectProvider(p, "fuzzed");
        else if (a == 2) registry.suspendProvider(p, "fuzzed");
        else registry.reinstateProvider(p, "fuzzed");
        _count();
    }

    function withdraw(uint256 who) external {
        _as(providers[who % providers.length]);
        registry.withdrawProvider();
        _count();
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
        registry.registerNode(service, keccak256(publicKey), expiry, r, vs);
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

    /// The node key withdraws its consent for one service or (allServices) for all of them.
    function revokeNode(uint256 nodeIndex, uint256 serviceIndex, bool allServices) external {
        uint256 key = nodeKeys[nodeIndex % nodeKeys.length];
        bytes32 nodeId = nodeIdAt(nodeIndex);
        bytes32 service = allServices ? bytes32(0) : services[serviceIndex % services.length];
        (,, uint32 nonce) = registry.getNode(nodeId);
        uint64 expiry = uint64(block.timestamp + 60);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, registry.nodeRevocationDigest(nodeId, service, nonce, expiry));
        vm.recordLogs();
        registry.revokeNode(nodeId, service, expiry, r, v == 28 ? s | bytes32(uint256(1) << 255) : s);
        _count();
    }

    function _as(address who) private {
        vm.recordLogs();
        vm.prank(who);
    }

    /// Applies the events of the call just made to the handler's picture of the registrations.
    function _count() private {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].topics.length == 0 || logs[i].emitter != address(registry)) continue;
            bytes32 topic = logs[i].topics[0];
            if (topic == NODE_REGISTERED) {
                holderByEvents[logs[i].topics[2]][logs[i].topics[3]] = address(uint160(uint256(logs[i].topics[1])));
            } else if (topic == NODE_REMOVED) {
                delete holderByEvents[logs[i].topics[2]][logs[i].topics[3]];
            } else if (topic == PROVIDER_WITHDRAWN || topic == PROVIDER_REJECTED) {
                _voidAll(address(uint160(uint256(logs[i].topics[1]))));
            }
        }
    }

    function _voidAll(address provider) private {
        for (uint256 n = 0; n < nodeKeys.length; ++n) {
            bytes32 nodeId = nodeIdAt(n);
            for (uint256 s = 0; s < services.length; ++s) {
                if (holderByEvents[nodeId][services[s]] == provider) delete holderByEvents[nodeId][services[s]];
            }
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
    /// by a NodeRemoved, a withdrawal or a rejection is a registration, and nothing else is.
    function invariant_registrationsAgreeWithEvents() public {
        for (uint256 i = 0; i < handler.nodeCount(); ++i) {
            bytes32 nodeId = handler.nodeIdAt(i);
            (address holder, bytes32[] memory svc,) = registry.getNode(nodeId);
            for (uint256 s = 0; s < 2; ++s) {
                bytes32 service = s == 0 ? mailserver : push;
                bool listed = false;
                for (uint256 k = 0; k < svc.length; ++k) {
                    listed = listed || svc[k] == service;
                }
                address byEvents = handler.holderByEvents(nodeId, service);
                assertEq(listed, byEvents != address(0), "registration vs events");
                if (listed) assertEq(holder, byEvents, "provider vs events");
            }
        }
    }
}
