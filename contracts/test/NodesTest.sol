// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RegistryFixture} from "./RegistryFixture.sol";
import {WaypostRegistry} from "../src/WaypostRegistry.sol";

/// Node registration with proof of possession, removal and verification.
contract NodesTest is RegistryFixture {
    event NodeRegistered(address indexed provider, bytes32 indexed nodeId, bytes32 indexed serviceId);
    event NodeRemoved(address indexed provider, bytes32 indexed nodeId, bytes32 indexed serviceId, address by);

    function test_nodeIdIsTheDiscv5IdOfTheEip778TestVector() public {
        // EIP-778's example record has this key; its v4 node id is keccak256(x || y).
        assertEq(
            nodeIdOf(NODE_KEY),
            0xa448f24c6d18e575453db13171562b71999873db5b286df957af199ec94617f7,
            "node id of the EIP-778 example key"
        );
    }

    function test_registerNodeWithProofOfPossession() public {
        bytes32 nodeId = nodeIdOf(NODE_KEY);
        vm.expectEmit(true, true, true, true);
        emit NodeRegistered(status, nodeId, mailserver);
        registerAs(status, NODE_KEY, mailserver);

        (bool trusted, address provider, WaypostRegistry.ProviderStatus s) = registry.verify(nodeId, mailserver);
        assertTrue(trusted, "trusted");
        assertEq(provider, status, "provider");
        assertTrue(s == WaypostRegistry.ProviderStatus.Approved, "approved");
        (address holder, bytes32[] memory services, uint32 nonce) = registry.getNode(nodeId);
        assertEq(holder, status, "node provider");
        assertEq(services.length, 1, "one service");
        assertEq(services[0], mailserver, "mailserver");
        assertEq(nonce, 1, "nonce consumed");
    }

    function test_nodeServesSeveralServices() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        registerAs(status, NODE_KEY, push);
        (bool mail,,) = registry.verify(nodeId, mailserver);
        (bool pushOk,,) = registry.verify(nodeId, push);
        assertTrue(mail && pushOk, "both services verify");
        (, bytes32[] memory services, uint32 nonce) = registry.getNode(nodeId);
        assertEq(services.length, 2, "two services");
        assertEq(nonce, 2, "one nonce per registration");
    }

    function test_verifyIsFalseForOtherServiceAndUnknownNode() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        (bool trusted, address provider,) = registry.verify(nodeId, push);
        assertFalse(trusted, "not registered for push");
        assertEq(provider, address(0), "no provider reported");
        (trusted,,) = registry.verify(nodeId, keccak256("unknown"));
        assertFalse(trusted, "unknown service");
        (trusted,,) = registry.verify(nodeIdOf(OTHER_NODE_KEY), mailserver);
        assertFalse(trusted, "unknown node");
    }

    function test_pendingProviderMayRegisterButIsNotTrustedUntilApproved() public {
        applyAs(applicant);
        bytes32 nodeId = registerAs(applicant, NODE_KEY, mailserver);
        (bool trusted,, WaypostRegistry.ProviderStatus s) = registry.verify(nodeId, mailserver);
        assertFalse(trusted, "pending is not trusted");
        assertTrue(s == WaypostRegistry.ProviderStatus.Pending, "status pending");
        vm.prank(curator);
        registry.approveProvider(applicant);
        (trusted,,) = registry.verify(nodeId, mailserver);
        assertTrue(trusted, "trusted once approved");
    }

    function test_suspensionTurnsNodesUntrusted() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        vm.prank(curator);
        registry.suspendProvider(status, "misbehaving");
        (bool trusted, address provider, WaypostRegistry.ProviderStatus s) = registry.verify(nodeId, mailserver);
        assertFalse(trusted, "suspended is not trusted");
        assertEq(provider, status, "still names its provider");
        assertTrue(s == WaypostRegistry.ProviderStatus.Suspended, "status suspended");
    }

    function test_registerRefusedForInactiveProviders() public {
        bytes32 nodeId = nodeIdOf(NODE_KEY);
        uint64 expiry = uint64(block.timestamp + 1);
        bytes memory key = publicKeyOf(NODE_KEY);

        bytes memory sig = signRegistration(registry, NODE_KEY, stranger, mailserver, 0, expiry);
        vm.expectRevert(wrongStatus(stranger, WaypostRegistry.ProviderStatus.None));
        vm.prank(stranger);
        submit(registry, mailserver, key, expiry, sig);

        vm.prank(curator);
        registry.suspendProvider(status, "r");
        sig = signRegistration(registry, NODE_KEY, status, mailserver, 0, expiry);
        vm.expectRevert(wrongStatus(status, WaypostRegistry.ProviderStatus.Suspended));
        vm.prank(status);
        submit(registry, mailserver, key, expiry, sig);

        applyAs(applicant);
        vm.prank(curator);
        registry.rejectProvider(applicant, "r");
        sig = signRegistration(registry, NODE_KEY, applicant, mailserver, 0, expiry);
        vm.expectRevert(wrongStatus(applicant, WaypostRegistry.ProviderStatus.Rejected));
        vm.prank(applicant);
        submit(registry, mailserver, key, expiry, sig);

        (address holder,,) = registry.getNode(nodeId);
        assertEq(holder, address(0), "nothing registered");
    }

    function test_registerRefusesUnknownService() public {
        bytes32 unknown = keccak256("unknown");
        uint64 expiry = uint64(block.timestamp + 1);
        bytes memory sig = signRegistration(registry, NODE_KEY, status, unknown, 0, expiry);
        bytes memory key = publicKeyOf(NODE_KEY);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.UnknownService.selector, unknown));
        vm.prank(status);
        submit(registry, unknown, key, expiry, sig);
    }

    function test_registerRefusesAKeyThatIsNotTheSigners() public {
        // A key off by one bit hashes to another node id, which the signature does not match.
        uint64 expiry = uint64(block.timestamp + 1);
        bytes memory sig = signRegistration(registry, NODE_KEY, status, mailserver, 0, expiry);
        bytes memory key = publicKeyOf(NODE_KEY);
        key[63] = bytes1(uint8(key[63]) ^ 1);
        vm.prank(status);
        vm.expectRevert();
        submit(registry, mailserver, key, expiry, sig);
    }

    function test_registerRefusesExpiredSignature() public {
        vm.warp(10_000);
        uint64 expiry = 9_999;
        bytes memory sig = signRegistration(registry, NODE_KEY, status, mailserver, 0, expiry);
        bytes memory key = publicKeyOf(NODE_KEY);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.SignatureExpired.selector, expiry, 10_000));
        vm.prank(status);
        submit(registry, mailserver, key, expiry, sig);
    }

    function test_registerRefusesSignatureByAnotherKey() public {
        uint64 expiry = uint64(block.timestamp + 1);
        bytes32 nodeId = nodeIdOf(NODE_KEY);
        bytes32 digest = registry.nodeRegistrationDigest(nodeId, status, mailserver, 0, expiry);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(OTHER_NODE_KEY, digest);
        bytes memory key = publicKeyOf(NODE_KEY);
        vm.expectRevert(
            abi.encodeWithSelector(WaypostRegistry.WrongNodeSigner.selector, nodeId, vm.addr(OTHER_NODE_KEY))
        );
        vm.prank(status);
        submit(registry, mailserver, key, expiry, abi.encodePacked(r, s, v));
    }

    function test_registerRefusesMalformedSignatures() public {
        uint64 expiry = uint64(block.timestamp + 1);
        bytes32 id = nodeIdOf(NODE_KEY);
        (bytes32 r, bytes32 vs) = compact(signRegistration(registry, NODE_KEY, status, mailserver, 0, expiry));
        bytes memory invalid = abi.encodeWithSelector(WaypostRegistry.InvalidSignature.selector);

        vm.startPrank(status);
        vm.expectRevert(invalid);
        registry.registerNode(mailserver, id, expiry, 0, 0); // r = s = 0: no signer

        // An s in the upper half of the curve order is the malleable twin form: refused outright.
        uint256 halfOrder = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;
        vm.expectRevert(invalid);
        registry.registerNode(mailserver, id, expiry, r, bytes32(halfOrder + 1));

        // The twin of a valid signature (n - s, recovery bit flipped) does not fit the compact form:
        // its top bit collides with the recovery bit, so it names another signer and fails.
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        uint256 top = uint256(1) << 255;
        uint256 s = uint256(vs) & (top - 1);
        vm.expectRevert();
        registry.registerNode(mailserver, id, expiry, r, bytes32((n - s) | ((uint256(vs) & top) ^ top)));

        // The proper form goes through.
        registry.registerNode(mailserver, id, expiry, r, vs);
        vm.stopPrank();
    }

    function test_signatureCannotBeReplayedForAnotherProvider() public {
        applyAs(applicant);
        uint64 expiry = uint64(block.timestamp + 1);
        bytes memory forStatus = signRegistration(registry, NODE_KEY, status, mailserver, 0, expiry);
        bytes memory key = publicKeyOf(NODE_KEY);
        vm.prank(applicant);
        vm.expectRevert(); // recovers to some unrelated address
        submit(registry, mailserver, key, expiry, forStatus);
    }

    function test_signatureCannotBeReplayedForAnotherService() public {
        uint64 expiry = uint64(block.timestamp + 1);
        bytes memory forMail = signRegistration(registry, NODE_KEY, status, mailserver, 0, expiry);
        bytes memory key = publicKeyOf(NODE_KEY);
        vm.prank(status);
        vm.expectRevert();
        submit(registry, push, key, expiry, forMail);
    }

    function test_signatureCannotBeReplayedOnAnotherRegistry() public {
        WaypostRegistry other = deployRegistry();
        uint64 expiry = uint64(block.timestamp + 1);
        bytes memory forOther = signRegistration(other, NODE_KEY, status, mailserver, 0, expiry);
        bytes memory key = publicKeyOf(NODE_KEY);
        vm.prank(status);
        vm.expectRevert();
        submit(registry, mailserver, key, expiry, forOther);
        // ...while it works where it was meant to.
        vm.prank(status);
        submit(other, mailserver, key, expiry, forOther);
    }

    function test_signatureCannotBeReplayedOnAnotherChain() public {
        uint64 expiry = uint64(block.timestamp + 1);
        bytes memory here = signRegistration(registry, NODE_KEY, status, mailserver, 0, expiry);
        bytes32 separatorHere = registry.domainSeparator();
        vm.chainId(block.chainid + 1);
        assertTrue(registry.domainSeparator() != separatorHere, "domain separator follows the chain id");
        bytes memory key = publicKeyOf(NODE_KEY);
        vm.prank(status);
        vm.expectRevert();
        submit(registry, mailserver, key, expiry, here);
    }

    function test_signatureCannotBeReplayedAfterRemoval() public {
        uint64 expiry = uint64(block.timestamp + 1 hours);
        bytes memory sig = signRegistration(registry, NODE_KEY, status, mailserver, 0, expiry);
        bytes memory key = publicKeyOf(NODE_KEY);
        bytes32 nodeId = nodeIdOf(NODE_KEY);
        vm.prank(status);
        submit(registry, mailserver, key, expiry, sig);
        vm.prank(curator);
        registry.removeNode(nodeId, mailserver);
        // The provider kept the old proof; the node's nonce moved on, so the proof is dead.
        vm.prank(status);
        vm.expectRevert();
        submit(registry, mailserver, key, expiry, sig);
        (,, uint32 nonce) = registry.getNode(nodeId);
        assertEq(nonce, 1, "nonce survives removal");
    }

    function test_duplicateRegistrationRefused() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        uint64 expiry = uint64(block.timestamp + 1);
        bytes memory sig = signRegistration(registry, NODE_KEY, status, mailserver, 1, expiry);
        bytes memory key = publicKeyOf(NODE_KEY);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NodeAlreadyRegistered.selector, nodeId, mailserver));
        vm.prank(status);
        submit(registry, mailserver, key, expiry, sig);
    }

    function test_nodeBelongsToOneProvider() public {
        applyAs(applicant);
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        uint64 expiry = uint64(block.timestamp + 1);
        // Even with the node's own consent a second provider cannot take it for another service.
        bytes memory sig = signRegistration(registry, NODE_KEY, applicant, push, 1, expiry);
        bytes memory key = publicKeyOf(NODE_KEY);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NodeHeldByOtherProvider.selector, nodeId, status));
        vm.prank(applicant);
        submit(registry, push, key, expiry, sig);
    }

    function test_nodeMovesToAnotherProviderOnlyAfterRemoval() public {
        applyAs(applicant);
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        vm.prank(status);
        registry.removeNode(nodeId, mailserver);
        registerAs(applicant, NODE_KEY, mailserver);
        (address holder,,) = registry.getNode(nodeId);
        assertEq(holder, applicant, "moved");
    }

    function test_providerRemovesItsNode() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        registerAs(status, NODE_KEY, push);
        vm.expectEmit(true, true, true, true);
        emit NodeRemoved(status, nodeId, mailserver, status);
        vm.prank(status);
        registry.removeNode(nodeId, mailserver);
        (bool mail,,) = registry.verify(nodeId, mailserver);
        (bool pushOk,,) = registry.verify(nodeId, push);
        assertFalse(mail, "mailserver removed");
        assertTrue(pushOk, "push kept");
        (address holder,,) = registry.getNode(nodeId);
        assertEq(holder, status, "still held while a service remains");
        vm.prank(status);
        registry.removeNode(nodeId, push);
        (holder,,) = registry.getNode(nodeId);
        assertEq(holder, address(0), "released with its last service");
    }

    function test_suspendedProviderMayStillRemoveItsNodes() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        vm.prank(curator);
        registry.suspendProvider(status, "r");
        vm.prank(status);
        registry.removeNode(nodeId, mailserver);
    }

    function test_curatorRemovesANode() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        vm.expectEmit(true, true, true, true);
        emit NodeRemoved(status, nodeId, mailserver, curator);
        vm.prank(curator);
        registry.removeNode(nodeId, mailserver);
    }

    function test_strangerCannotRemoveANode() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotNodeProviderOrCurator.selector, stranger, nodeId));
        vm.prank(stranger);
        registry.removeNode(nodeId, mailserver);
    }

    function test_removeUnknownNodeRefused() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        vm.startPrank(status);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.UnknownNode.selector, nodeId, push));
        registry.removeNode(nodeId, push);
        bytes32 other = nodeIdOf(OTHER_NODE_KEY);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.UnknownNode.selector, other, mailserver));
        registry.removeNode(other, mailserver);
        bytes32 unknownService = keccak256("unknown");
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.UnknownNode.selector, nodeId, unknownService));
        registry.removeNode(nodeId, unknownService);
        vm.stopPrank();
    }

    function test_verifyBatch() public {
        applyAs(applicant);
        bytes32 trustedNode = registerAs(status, NODE_KEY, mailserver);
        bytes32 pendingNode = registerAs(applicant, OTHER_NODE_KEY, mailserver);
        bytes32[] memory ids = new bytes32[](3);
        ids[0] = trustedNode;
        ids[1] = pendingNode;
        ids[2] = bytes32(uint256(42));
        (bool[] memory trusted, address[] memory providers, WaypostRegistry.ProviderStatus[] memory statuses) =
            registry.verifyBatch(ids, mailserver);
        assertTrue(trusted[0] && !trusted[1] && !trusted[2], "only the approved provider's node");
        assertEq(providers[0], status, "first provider");
        assertEq(providers[1], applicant, "second provider");
        assertEq(providers[2], address(0), "unknown has none");
        assertTrue(statuses[1] == WaypostRegistry.ProviderStatus.Pending, "pending reported");
    }

    function test_verifyBatchIsCapped() public {
        bytes32[] memory ids = new bytes32[](1001);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.BatchTooLarge.selector, 1001, 1000));
        registry.verifyBatch(ids, mailserver);
    }

    function test_withdrawnProviderNodesDoNotVerify() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        vm.prank(status);
        registry.withdrawProvider();
        (bool trusted, address p, WaypostRegistry.ProviderStatus s) = registry.verify(nodeId, mailserver);
        assertFalse(trusted, "withdrawn is not trusted");
        // A withdrawal voids the registrations: the node is as good as unregistered.
        assertEq(p, address(0), "no provider any more");
        assertTrue(s == WaypostRegistry.ProviderStatus.None, "void registration");
    }

    function test_registerNodesInOneTransaction() public {
        WaypostRegistry.NodeProof[] memory batch = new WaypostRegistry.NodeProof[](3);
        batch[0] = batchEntry(NODE_KEY, status, mailserver);
        batch[1] = batchEntry(OTHER_NODE_KEY, status, mailserver);
        batch[2] = batchEntry(OTHER_NODE_KEY, status, mailserver);
        // The same node twice: the second entry finds it registered already.
        vm.prank(status);
        vm.expectRevert(
            abi.encodeWithSelector(WaypostRegistry.NodeAlreadyRegistered.selector, nodeIdOf(OTHER_NODE_KEY), mailserver)
        );
        registry.registerNodes(mailserver, batch);

        batch = new WaypostRegistry.NodeProof[](2);
        batch[0] = batchEntry(NODE_KEY, status, mailserver);
        batch[1] = batchEntry(OTHER_NODE_KEY, status, mailserver);
        vm.expectEmit(true, true, true, true);
        emit NodeRegistered(status, nodeIdOf(NODE_KEY), mailserver);
        vm.expectEmit(true, true, true, true);
        emit NodeRegistered(status, nodeIdOf(OTHER_NODE_KEY), mailserver);
        vm.prank(status);
        registry.registerNodes(mailserver, batch);
        (bool a,,) = registry.verify(nodeIdOf(NODE_KEY), mailserver);
        (bool b,,) = registry.verify(nodeIdOf(OTHER_NODE_KEY), mailserver);
        assertTrue(a && b, "both registered");

        // A proof signed for one service does not register the node for another.
        batch = new WaypostRegistry.NodeProof[](1);
        batch[0] = batchEntry(NODE_KEY, status, mailserver);
        vm.prank(status);
        vm.expectRevert();
        registry.registerNodes(push, batch);
    }

    function test_registerNodesIsAllOrNothing() public {
        WaypostRegistry.NodeProof[] memory batch = new WaypostRegistry.NodeProof[](2);
        batch[0] = batchEntry(NODE_KEY, status, mailserver);
        batch[1] = batchEntry(OTHER_NODE_KEY, status, mailserver);
        batch[1].expiry = uint64(block.timestamp - 1);
        vm.prank(status);
        vm.expectRevert(
            abi.encodeWithSelector(WaypostRegistry.SignatureExpired.selector, block.timestamp - 1, block.timestamp)
        );
        registry.registerNodes(mailserver, batch);
        (address holder,,) = registry.getNode(nodeIdOf(NODE_KEY));
        assertEq(holder, address(0), "the good entry was not kept either");
    }

    function test_registerNodesRefusals() public {
        WaypostRegistry.NodeProof[] memory batch = new WaypostRegistry.NodeProof[](1);
        batch[0] = batchEntry(NODE_KEY, stranger, mailserver);
        vm.prank(stranger);
        vm.expectRevert(wrongStatus(stranger, WaypostRegistry.ProviderStatus.None));
        registry.registerNodes(mailserver, batch);

        vm.prank(status);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.UnknownService.selector, keccak256("nope")));
        registry.registerNodes(keccak256("nope"), batch);

        WaypostRegistry.NodeProof[] memory huge = new WaypostRegistry.NodeProof[](1001);
        vm.prank(status);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.BatchTooLarge.selector, 1001, 1000));
        registry.registerNodes(mailserver, huge);
    }
}
