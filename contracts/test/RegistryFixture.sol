// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {TestBase} from "./base/TestBase.sol";
import {Vm} from "./base/Vm.sol";
import {WaypostRegistry} from "../src/WaypostRegistry.sol";

/// A deployed registry with an owner, a curator, the default provider "Status" and two services,
/// plus helpers that make node keys and their proofs of possession.
abstract contract RegistryFixture is TestBase {
    WaypostRegistry internal registry;

    address internal owner = address(0xA11CE);
    address internal curator = address(0xC0C0);
    address internal status = address(0x5747);
    address internal applicant = address(0xBEEF);
    address internal stranger = address(0xBAD);

    bytes32 internal mailserver = keccak256("mailserver");
    bytes32 internal push = keccak256("push-notification");

    uint256 internal constant NODE_KEY = 0xb71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291;
    uint256 internal constant OTHER_NODE_KEY = 0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8;

    function setUp() public virtual {
        registry = deployRegistry();
        vm.prank(owner);
        registry.addCurator(curator);
    }

    function deployRegistry() internal returns (WaypostRegistry) {
        string[] memory services = new string[](2);
        services[0] = "mailserver";
        services[1] = "push-notification";
        return new WaypostRegistry(owner, status, "Status", "https://status.app", services);
    }

    function publicKeyOf(uint256 privateKey) internal returns (bytes memory) {
        Vm.Wallet memory wallet = vm.createWallet(privateKey);
        return abi.encodePacked(wallet.publicKeyX, wallet.publicKeyY);
    }

    function nodeIdOf(uint256 privateKey) internal returns (bytes32) {
        return keccak256(publicKeyOf(privateKey));
    }

    function signRegistration(
        WaypostRegistry target,
        uint256 nodeKey,
        address provider,
        bytes32 serviceId,
        uint32 nonce,
        uint64 expiry
    ) internal returns (bytes memory) {
        bytes32 digest = target.nodeRegistrationDigest(nodeIdOf(nodeKey), provider, serviceId, nonce, expiry);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(nodeKey, digest);
        return abi.encodePacked(r, s, v);
    }

    /// A node key's signature withdrawing its consent for `serviceId` (zero: all), at its current nonce.
    function signRevocation(uint256 nodeKey, bytes32 serviceId, uint64 expiry) internal returns (bytes memory) {
        bytes32 nodeId = nodeIdOf(nodeKey);
        (,, uint32 nonce) = registry.getNode(nodeId);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(nodeKey, registry.nodeRevocationDigest(nodeId, serviceId, nonce, expiry));
        return abi.encodePacked(r, s, v);
    }

    /// Registers `nodeKey` for `serviceId` as `provider` with a fresh proof of possession.
    function registerAs(address provider, uint256 nodeKey, bytes32 serviceId) internal returns (bytes32 nodeId) {
        nodeId = nodeIdOf(nodeKey);
        (,, uint32 nonce) = registry.getNode(nodeId);
        uint64 expiry = uint64(block.timestamp + 1 hours);
        bytes memory signature = signRegistration(registry, nodeKey, provider, serviceId, nonce, expiry);
        bytes memory publicKey = publicKeyOf(nodeKey);
        vm.prank(provider);
        submit(registry, serviceId, publicKey, expiry, signature);
    }

    /// Calls `registerNode` with a 64-byte key and a 65-byte r || s || v signature, packed the way
    /// the registry takes them (x, y, r, and s with the recovery bit on top). It makes no other
    /// external call, so a preceding prank or expectRevert applies to `registerNode` itself.
    function submit(WaypostRegistry target, bytes32 serviceId, bytes memory publicKey, uint64 expiry, bytes memory sig)
        internal
    {
        bytes32 nodeId = keccak256(publicKey);
        (bytes32 r, bytes32 vs) = compact(sig);
        target.registerNode(serviceId, nodeId, expiry, r, vs);
    }

    /// A batch entry for `registerNodes`, signed for `provider` at the node's current nonce.
    function batchEntry(uint256 nodeKey, address provider, bytes32 serviceId)
        internal
        returns (WaypostRegistry.NodeProof memory entry)
    {
        (,, uint32 nonce) = registry.getNode(nodeIdOf(nodeKey));
        uint64 expiry = uint64(block.timestamp + 1 hours);
        entry.nodeId = nodeIdOf(nodeKey);
        (entry.r, entry.vs) = compact(signRegistration(registry, nodeKey, provider, serviceId, nonce, expiry));
        entry.expiry = expiry;
    }

    function splitKey(bytes memory publicKey) internal pure returns (bytes32 x, bytes32 y) {
        require(publicKey.length == 64, "test key must have 64 bytes");
        assembly {
            x := mload(add(publicKey, 32))
            y := mload(add(publicKey, 64))
        }
    }

    function compact(bytes memory sig) internal pure returns (bytes32 r, bytes32 vs) {
        require(sig.length == 65, "test signature must have 65 bytes");
        bytes32 s;
        assembly {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
        }
        uint8 v = uint8(sig[64]);
        vs = v == 28 ? s | bytes32(uint256(1) << 255) : s;
    }

    function applyAs(address account) internal {
        vm.prank(account);
        registry.applyAsProvider("Applicant", "https://applicant.example");
    }

    function statusOf(address account) internal view returns (WaypostRegistry.ProviderStatus s) {
        (s,,,,) = registry.getProvider(account);
    }

    function wrongStatus(address account, WaypostRegistry.ProviderStatus s) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(WaypostRegistry.WrongProviderStatus.selector, account, s);
    }
}
