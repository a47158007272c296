// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RegistryFixture} from "./RegistryFixture.sol";
import {WaypostRegistry} from "../src/WaypostRegistry.sol";

/// `registerNodes` takes a fast path for the common entry (a node no provider holds, a proof valid
/// for an hour or less, a good signature) and hands every other entry to `registerNode`'s own
/// checks. These tests mix both kinds in one batch: the result must be what `registerNode` gives
/// entry by entry, and a bad entry anywhere must refuse the whole batch with its own error.
contract BatchTest is RegistryFixture {
    event NodeRegistered(address indexed provider, bytes32 indexed nodeId, bytes32 indexed serviceId);

    uint256 internal constant CURVE_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function keyOf(uint256 i) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode("batch test node", i))) % (CURVE_ORDER - 1) + 1;
    }

    function test_aBatchMixingNewAndKnownNodesRegistersEachAsRegisterNodeWould() public {
        // A node this provider holds for another service: the slow path adds the service.
        bytes32 held = registerAs(status, keyOf(1), push);
        // A node registered and removed: no holder, nonce 1, taken by the fast path.
        bytes32 removed = registerAs(status, keyOf(2), mailserver);
        vm.prank(status);
        registry.removeNode(removed, mailserver);

        WaypostRegistry.NodeProof[] memory batch = new WaypostRegistry.NodeProof[](5);
        batch[0] = batchEntry(keyOf(0), status, mailserver); // new: fast
        batch[1] = batchEntry(keyOf(1), status, mailserver); // held: slow
        batch[2] = batchEntry(keyOf(2), status, mailserver); // removed: fast, at nonce 1
        batch[3] = batchEntry(keyOf(3), status, mailserver); // new, valid for two hours: slow
        batch[3].expiry = uint64(block.timestamp + 2 hours);
        (batch[3].r, batch[3].vs) =
            compact(signRegistration(registry, keyOf(3), status, mailserver, 0, batch[3].expiry));
        batch[4] = batchEntry(keyOf(4), status, mailserver); // new: fast again after the slow one

        for (uint256 i = 0; i < 5; ++i) {
            vm.expectEmit(true, true, true, true);
            emit NodeRegistered(status, batch[i].nodeId, mailserver);
        }
        vm.prank(status);
        registry.registerNodes(mailserver, batch);

        uint32[5] memory nonces = [uint32(1), 2, 2, 1, 1];
        for (uint256 i = 0; i < 5; ++i) {
            (bool trusted, address provider,) = registry.verify(batch[i].nodeId, mailserver);
            assertTrue(trusted, "registered for the batch's service");
            assertEq(provider, status, "held by the caller");
            (,, uint32 nonce) = registry.getNode(batch[i].nodeId);
            assertEq(nonce, nonces[i], "the nonce advanced once per registration");
        }
        (bool stillPush,,) = registry.verify(held, push);
        assertTrue(stillPush, "the held node keeps its other service");
        (, bytes32[] memory services,) = registry.getNode(held);
        assertEq(services.length, 2, "two services");

        // Used proofs are spent: the same batch again is refused at its first entry.
        vm.prank(status);
        vm.expectRevert(
            abi.encodeWithSelector(WaypostRegistry.NodeAlreadyRegistered.selector, batch[0].nodeId, mailserver)
        );
        registry.registerNodes(mailserver, batch);
    }

    function testFuzz_aBadEntryAnywhereRefusesTheBatchWithItsOwnError(uint8 position, uint8 kind, bytes32 noise)
        public
    {
        uint256 count = 4;
        uint256 bad = position % count;
        WaypostRegistry.NodeProof[] memory batch = new WaypostRegistry.NodeProof[](count);
        for (uint256 i = 0; i < count; ++i) {
            batch[i] = batchEntry(keyOf(i), status, mailserver);
        }
        WaypostRegistry.NodeProof memory entry = batch[bad];
        bytes memory expected;
        bytes4 selector;
        kind = kind % 6;
        if (kind == 0) {
            // Expired.
            entry.expiry = uint64(block.timestamp - 1);
            expected = abi.encodeWithSelector(WaypostRegistry.SignatureExpired.selector, entry.expiry, block.timestamp);
        } else if (kind == 1) {
            // Valid longer than the owner's bound allows.
            entry.expiry = uint64(block.timestamp + 8 days);
            (entry.r, entry.vs) = compact(signRegistration(registry, keyOf(bad), status, mailserver, 0, entry.expiry));
            expected = abi.encodeWithSelector(
                WaypostRegistry.ProofValidityTooLong.selector,
                entry.expiry,
                block.timestamp + registry.maxProofValidity()
            );
        } else if (kind == 2) {
            // s in the upper half of the curve order: the malleable twin form.
            entry.vs = bytes32((uint256(entry.vs) & (uint256(1) << 255)) | (CURVE_ORDER / 2 + 1));
            expected = abi.encodeWithSelector(WaypostRegistry.InvalidSignature.selector);
        } else if (kind == 3) {
            // Another node's proof: it recovers to some key that is not this node's.
            (entry.r, entry.vs) = (batch[(bad + 1) % count].r, batch[(bad + 1) % count].vs);
            selector = WaypostRegistry.WrongNodeSigner.selector;
        } else if (kind == 4) {
            // Signed for another provider.
            (entry.r, entry.vs) =
                compact(signRegistration(registry, keyOf(bad), applicant, mailserver, 0, entry.expiry));
            selector = WaypostRegistry.WrongNodeSigner.selector;
        } else {
            // Noise for a signature.
            entry.r = noise;
            entry.vs = keccak256(abi.encode(noise));
        }
        vm.prank(status);
        (bool ok, bytes memory error) =
            address(registry).call(abi.encodeCall(registry.registerNodes, (mailserver, batch)));
        assertFalse(ok, "a batch with a bad entry is refused");
        if (expected.length > 0) {
            assertEq(keccak256(error), keccak256(expected), "the bad entry's own error");
        } else if (selector != bytes4(0)) {
            assertEq(bytes32(bytes4(error)), bytes32(selector), "the bad entry's own error");
        }
        for (uint256 i = 0; i < count; ++i) {
            (address holder,, uint32 nonce) = registry.getNode(batch[i].nodeId);
            assertEq(holder, address(0), "no entry of a refused batch is kept");
            assertEq(nonce, 0, "no nonce advanced");
        }
    }
}
