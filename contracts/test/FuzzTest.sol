// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RegistryFixture} from "./RegistryFixture.sol";
import {WaypostRegistry} from "../src/WaypostRegistry.sol";

/// Property tests over fuzzed keys, providers, expiries and signatures.
contract FuzzTest is RegistryFixture {
    function testFuzz_anyNodeKeyRegistersAndVerifies(uint256 seed, uint32 lifetime, bool forPush) public {
        uint256 nodeKey = toPrivateKey(seed);
        bytes32 service = forPush ? push : mailserver;
        bytes32 nodeId = nodeIdOf(nodeKey);
        uint64 expiry = uint64(block.timestamp) + lifetime % (registry.maxProofValidity() + 1);
        bytes memory sig = signRegistration(registry, nodeKey, status, service, 0, expiry);
        bytes memory key = publicKeyOf(nodeKey);
        vm.prank(status);
        submit(registry, service, key, expiry, sig);
        (bool trusted, address provider,) = registry.verify(nodeId, service);
        assertTrue(trusted, "registered node verifies");
        assertEq(provider, status, "provider recorded");
        (bool other,,) = registry.verify(nodeId, forPush ? mailserver : push);
        assertFalse(other, "only for the signed service");
    }

    function testFuzz_proofForOneProviderIsUselessToAnother(uint256 seed, address thief) public {
        vm.assume(thief != status && thief != address(0));
        uint256 nodeKey = toPrivateKey(seed);
        applyAs(thief);
        uint64 expiry = uint64(block.timestamp + 1);
        (bytes32 r, bytes32 vs) = compact(signRegistration(registry, nodeKey, status, mailserver, 0, expiry));
        vm.prank(thief);
        try registry.registerNode(mailserver, nodeIdOf(nodeKey), expiry, r, vs) {
            fail("a proof made for another provider was accepted");
        } catch {}
        (address holder,,) = registry.getNode(nodeIdOf(nodeKey));
        assertEq(holder, address(0), "node not taken");
    }

    function testFuzz_randomSignaturesNeverRegister(uint256 seed, bytes32 r, bytes32 vs) public {
        uint256 nodeKey = toPrivateKey(seed);
        uint64 expiry = uint64(block.timestamp + 1);
        vm.prank(status);
        try registry.registerNode(mailserver, nodeIdOf(nodeKey), expiry, r, vs) {
            fail("a random signature was accepted");
        } catch {}
    }

    function testFuzz_expiredProofsAreRefused(uint256 seed, uint64 expiry, uint64 nowTs) public {
        vm.assume(nowTs > expiry);
        uint256 nodeKey = toPrivateKey(seed);
        vm.warp(nowTs);
        bytes memory sig = signRegistration(registry, nodeKey, status, mailserver, 0, expiry);
        bytes memory key = publicKeyOf(nodeKey);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.SignatureExpired.selector, expiry, uint256(nowTs)));
        vm.prank(status);
        submit(registry, mailserver, key, expiry, sig);
    }

    function testFuzz_unknownNodesNeverVerify(bytes32 nodeId, bool forPush) public view {
        (bool trusted, address provider, WaypostRegistry.ProviderStatus s) =
            registry.verify(nodeId, forPush ? push : mailserver);
        assertFalse(trusted, "unknown node trusted");
        assertEq(provider, address(0), "unknown node has a provider");
        assertTrue(s == WaypostRegistry.ProviderStatus.None, "unknown node has a status");
    }

    function testFuzz_aProofOnlyWorksForItsOwnNodeId(uint256 seed, bytes32 otherId) public {
        uint256 nodeKey = toPrivateKey(seed);
        vm.assume(otherId != nodeIdOf(nodeKey));
        uint64 expiry = uint64(block.timestamp + 1);
        (bytes32 r, bytes32 vs) = compact(signRegistration(registry, nodeKey, status, mailserver, 0, expiry));
        vm.prank(status);
        try registry.registerNode(mailserver, otherId, expiry, r, vs) {
            fail("a proof registered a node id other than the signer's");
        } catch {}
    }

    /// An id that ends with the signer's address but starts differently is not the signer's node:
    /// the signature covers the whole id, so the real node's proof does not fit it.
    function testFuzz_anIdSharingTheKeysAddressIsRefused(uint256 seed, bytes12 prefix) public {
        uint256 nodeKey = toPrivateKey(seed);
        bytes32 realId = nodeIdOf(nodeKey);
        bytes32 forged = bytes32(prefix) | (realId & bytes32(uint256(type(uint160).max)));
        vm.assume(forged != realId);
        uint64 expiry = uint64(block.timestamp + 1);
        (bytes32 r, bytes32 vs) = compact(signRegistration(registry, nodeKey, status, mailserver, 0, expiry));
        vm.prank(status);
        try registry.registerNode(mailserver, forged, expiry, r, vs) {
            fail("a proof for one id registered another");
        } catch {}
    }

    function testFuzz_strangersCannotDecide(address caller, uint8 action) public {
        vm.assume(!registry.isCurator(caller));
        applyAs(applicant);
        vm.startPrank(caller);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotCurator.selector, caller));
        if (action % 4 == 0) registry.approveProvider(applicant);
        else if (action % 4 == 1) registry.rejectProvider(applicant, "r");
        else if (action % 4 == 2) registry.suspendProvider(status, "r");
        else registry.addService("x");
        vm.stopPrank();
    }

    function testFuzz_providerPagesCoverTheListExactlyOnce(uint8 count, uint8 pageSize) public {
        count = uint8(bound(count, 0, 40));
        pageSize = uint8(bound(pageSize, 1, 16));
        for (uint160 i = 1; i <= count; ++i) {
            applyAs(address(0x10000 + i));
        }
        uint256 total = registry.providerCount();
        uint256 seen;
        for (uint256 offset = 0; offset < total; offset += pageSize) {
            address[] memory page = registry.listProviders(offset, pageSize);
            for (uint256 j = 0; j < page.length; ++j) {
                assertEq(page[j], offset + j == 0 ? status : address(uint160(0x10000 + offset + j)), "order");
            }
            seen += page.length;
        }
        assertEq(seen, total, "every provider once");
    }
}
