// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RegistryFixture} from "./RegistryFixture.sol";
import {WaypostRegistry} from "../src/WaypostRegistry.sol";

/// Curation loopholes closed: suspension laundering, revived registrations, consent the node cannot
/// take back, proofs that never expire, unreviewed metadata, endless re-application, and the EIP-712
/// domain wallets could not discover.
contract HardeningTest is RegistryFixture {
    event NodeRemoved(address indexed provider, bytes32 indexed nodeId, bytes32 indexed serviceId, address by);
    event NodeProofsCancelled(bytes32 indexed nodeId, uint32 nextNonce);
    event ProviderSuspended(address indexed provider, address indexed curator, string reason);
    event ProviderUpdateDeclined(address indexed provider, address indexed curator, string reason);

    WaypostRegistry.ProviderStatus constant NONE = WaypostRegistry.ProviderStatus.None;
    WaypostRegistry.ProviderStatus constant PENDING = WaypostRegistry.ProviderStatus.Pending;
    WaypostRegistry.ProviderStatus constant APPROVED = WaypostRegistry.ProviderStatus.Approved;
    WaypostRegistry.ProviderStatus constant SUSPENDED = WaypostRegistry.ProviderStatus.Suspended;
    WaypostRegistry.ProviderStatus constant WITHDRAWN = WaypostRegistry.ProviderStatus.Withdrawn;

    function trusted(bytes32 nodeId, bytes32 service) internal view returns (bool ok) {
        (ok,,) = registry.verify(nodeId, service);
    }

    // ------------------------------------------------------------ suspension

    function test_suspendedProviderCannotWithdrawOrReapply() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        vm.prank(curator);
        registry.suspendProvider(status, "stale data");
        vm.startPrank(status);
        vm.expectRevert(wrongStatus(status, SUSPENDED));
        registry.withdrawProvider();
        vm.expectRevert(wrongStatus(status, SUSPENDED));
        registry.applyAsProvider("Status again", "");
        vm.stopPrank();
        assertTrue(statusOf(status) == SUSPENDED, "still suspended");
        assertFalse(trusted(nodeId, mailserver), "node does not verify");
    }

    function test_withdrawingFirstDoesNotDodgeASuspension() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        vm.prank(status);
        registry.withdrawProvider();
        vm.expectEmit(true, true, false, true);
        emit ProviderSuspended(status, curator, "front-ran its suspension");
        vm.prank(curator);
        registry.suspendProvider(status, "front-ran its suspension");
        assertTrue(statusOf(status) == SUSPENDED, "suspended after all");
        vm.warp(block.timestamp + 365 days);
        vm.expectRevert(wrongStatus(status, SUSPENDED));
        vm.prank(status);
        registry.applyAsProvider("Status", "");
        // Reinstatement approves it again, but its withdrawal voided its registrations for good.
        vm.prank(curator);
        registry.reinstateProvider(status, "settled");
        assertTrue(statusOf(status) == APPROVED, "approved");
        assertFalse(trusted(nodeId, mailserver), "registration from before the withdrawal stays void");
    }

    function test_reinstatementRevivesRegistrationsFromBeforeTheSuspension() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        vm.prank(curator);
        registry.suspendProvider(status, "stale data");
        assertFalse(trusted(nodeId, mailserver), "suspended");
        vm.prank(curator);
        registry.reinstateProvider(status, "fixed");
        assertTrue(trusted(nodeId, mailserver), "a curator's reinstatement restores the fleet");
    }

    // ------------------------------------------------------------ void registrations

    function test_approvalOfAReapplicationDoesNotReviveOldRegistrations() public {
        applyAs(applicant);
        vm.prank(curator);
        registry.approveProvider(applicant);
        bytes32 nodeId = registerAs(applicant, NODE_KEY, mailserver);
        assertTrue(trusted(nodeId, mailserver), "verifies while approved");
        assertEq(registry.providerEpoch(applicant), 0, "first epoch");

        vm.prank(applicant);
        registry.withdrawProvider();
        assertEq(registry.providerEpoch(applicant), 1, "withdrawal starts a new epoch");
        vm.warp(block.timestamp + registry.reapplyCooldown());
        applyAs(applicant);
        vm.prank(curator);
        registry.approveProvider(applicant);
        assertFalse(trusted(nodeId, mailserver), "old registration not revived");
        (address holder, bytes32[] memory services, uint32 nonce) = registry.getNode(nodeId);
        assertEq(holder, address(0), "void registration not listed");
        assertEq(services.length, 0, "no services");
        assertEq(nonce, 1, "the nonce survives, so the old proof cannot be replayed");

        // Fresh consent: a new proof at the new nonce.
        registerAs(applicant, NODE_KEY, mailserver);
        assertTrue(trusted(nodeId, mailserver), "verifies with fresh consent");
    }

    function test_rejectionVoidsAPendingProvidersPreparedNodes() public {
        applyAs(applicant);
        bytes32 nodeId = registerAs(applicant, NODE_KEY, mailserver);
        vm.prank(curator);
        registry.rejectProvider(applicant, "no contact");
        vm.warp(block.timestamp + registry.reapplyCooldown());
        applyAs(applicant);
        vm.prank(curator);
        registry.approveProvider(applicant);
        assertFalse(trusted(nodeId, mailserver), "prepared node from before the rejection stays void");
    }

    function test_aVoidRegistrationFreesTheNodeForAnotherProvider() public {
        applyAs(applicant);
        bytes32 nodeId = registerAs(applicant, NODE_KEY, mailserver);
        vm.prank(applicant);
        registry.withdrawProvider();
        registerAs(status, NODE_KEY, mailserver);
        (bool ok, address p,) = registry.verify(nodeId, mailserver);
        assertTrue(ok && p == status, "the node moved with its own consent");
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.UnknownNode.selector, nodeId, push));
        vm.prank(curator);
        registry.removeNode(nodeId, push);
    }

    function test_curatorsMayRejectAWithdrawnApplicant() public {
        applyAs(applicant);
        vm.prank(applicant);
        registry.withdrawProvider();
        vm.prank(curator);
        registry.rejectProvider(applicant, "withdrew to dodge the decision");
        assertTrue(statusOf(applicant) == WaypostRegistry.ProviderStatus.Rejected, "rejected");
    }

    // ------------------------------------------------------------ node consent

    function test_nodeRemovesItsOwnRegistrationFromItsAddress() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        address nodeAddress = vm.addr(NODE_KEY);
        vm.expectEmit(true, true, true, true);
        emit NodeRemoved(status, nodeId, mailserver, nodeAddress);
        vm.prank(nodeAddress);
        registry.removeNode(nodeId, mailserver);
        assertFalse(trusted(nodeId, mailserver), "gone");
    }

    function test_nodeRevokesOneServiceBySignature() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        registerAs(status, NODE_KEY, push);
        uint64 expiry = uint64(block.timestamp + 1 hours);
        (bytes32 r, bytes32 vs) = compact(signRevocation(NODE_KEY, mailserver, expiry));
        vm.expectEmit(true, true, true, true);
        emit NodeRemoved(status, nodeId, mailserver, vm.addr(NODE_KEY));
        vm.expectEmit(true, false, false, true);
        emit NodeProofsCancelled(nodeId, 3);
        vm.prank(stranger); // anyone may submit the node's signature
        registry.revokeNode(nodeId, mailserver, expiry, r, vs);
        assertFalse(trusted(nodeId, mailserver), "mailserver revoked");
        assertTrue(trusted(nodeId, push), "push kept");
        vm.expectRevert(); // the same signature again: the nonce moved on
        registry.revokeNode(nodeId, mailserver, expiry, r, vs);
    }

    function test_nodeRevokesEverythingAndCancelsAnUnusedProof() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        registerAs(status, NODE_KEY, push);
        // A proof the node issued for a third registration, not used yet.
        WaypostRegistry.NodeProof memory unused = batchEntry(NODE_KEY, status, mailserver);
        uint64 expiry = uint64(block.timestamp + 1 hours);
        (bytes32 r, bytes32 vs) = compact(signRevocation(NODE_KEY, bytes32(0), expiry));
        registry.revokeNode(nodeId, bytes32(0), expiry, r, vs);
        (address holder, bytes32[] memory services, uint32 nonce) = registry.getNode(nodeId);
        assertEq(holder, address(0), "no provider");
        assertEq(services.length, 0, "no services");
        assertEq(nonce, 3, "nonce advanced");
        vm.prank(status);
        vm.expectRevert();
        registry.registerNode(mailserver, unused.nodeId, unused.expiry, unused.r, unused.vs);
    }

    function test_revocationSignedByAnotherKeyIsRefused() public {
        bytes32 nodeId = registerAs(status, NODE_KEY, mailserver);
        uint64 expiry = uint64(block.timestamp + 1 hours);
        (,, uint32 nonce) = registry.getNode(nodeId);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(OTHER_NODE_KEY, registry.nodeRevocationDigest(nodeId, mailserver, nonce, expiry));
        vm.expectRevert(
            abi.encodeWithSelector(WaypostRegistry.WrongNodeSigner.selector, nodeId, vm.addr(OTHER_NODE_KEY))
        );
        registry.revokeNode(nodeId, mailserver, expiry, r, v == 28 ? s | bytes32(uint256(1) << 255) : s);
        assertTrue(trusted(nodeId, mailserver), "still registered");
    }

    function test_nodeCancelsUnusedProofsFromItsAddress() public {
        bytes32 nodeId = nodeIdOf(NODE_KEY);
        WaypostRegistry.NodeProof memory unused = batchEntry(NODE_KEY, status, mailserver);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotNodeKey.selector, stranger, nodeId));
        vm.prank(stranger);
        registry.cancelNodeProofs(nodeId);
        vm.prank(vm.addr(NODE_KEY));
        registry.cancelNodeProofs(nodeId);
        vm.prank(status);
        vm.expectRevert();
        registry.registerNode(mailserver, unused.nodeId, unused.expiry, unused.r, unused.vs);
    }

    // ------------------------------------------------------------ proof validity

    function test_proofValidityIsBounded() public {
        assertEq(registry.maxProofValidity(), 7 days, "default a week");
        uint64 tooLong = uint64(block.timestamp + 7 days + 1);
        WaypostRegistry.NodeProof memory p = proofWithExpiry(NODE_KEY, tooLong);
        vm.expectRevert(
            abi.encodeWithSelector(WaypostRegistry.ProofValidityTooLong.selector, tooLong, block.timestamp + 7 days)
        );
        vm.prank(status);
        registry.registerNode(mailserver, p.nodeId, p.expiry, p.r, p.vs);

        p = proofWithExpiry(NODE_KEY, uint64(block.timestamp + 7 days));
        vm.prank(status);
        registry.registerNode(mailserver, p.nodeId, p.expiry, p.r, p.vs);
    }

    function test_ownerSetsTheBoundWithinLimits() public {
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotOwner.selector, curator));
        vm.prank(curator);
        registry.setMaxProofValidity(2 hours);
        vm.startPrank(owner);
        vm.expectRevert(
            abi.encodeWithSelector(WaypostRegistry.SettingOutOfRange.selector, 59 minutes, 1 hours, 30 days)
        );
        registry.setMaxProofValidity(59 minutes);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.SettingOutOfRange.selector, 31 days, 1 hours, 30 days));
        registry.setMaxProofValidity(31 days);
        registry.setMaxProofValidity(2 hours);
        vm.stopPrank();
        WaypostRegistry.NodeProof memory p = proofWithExpiry(NODE_KEY, uint64(block.timestamp + 3 hours));
        vm.expectRevert(
            abi.encodeWithSelector(WaypostRegistry.ProofValidityTooLong.selector, p.expiry, block.timestamp + 2 hours)
        );
        vm.prank(status);
        registry.registerNode(mailserver, p.nodeId, p.expiry, p.r, p.vs);
    }

    function testFuzz_expiryWithinTheBoundIsAcceptedBeyondRefused(uint64 bound, uint64 lifetime) public {
        bound = uint64(_bound(bound, 1 hours, 30 days));
        lifetime = uint64(_bound(lifetime, 0, 60 days));
        vm.prank(owner);
        registry.setMaxProofValidity(bound);
        WaypostRegistry.NodeProof memory p = proofWithExpiry(NODE_KEY, uint64(block.timestamp) + lifetime);
        vm.prank(status);
        if (lifetime > bound) vm.expectRevert();
        registry.registerNode(mailserver, p.nodeId, p.expiry, p.r, p.vs);
    }

    function proofWithExpiry(uint256 nodeKey, uint64 expiry) internal returns (WaypostRegistry.NodeProof memory p) {
        (,, uint32 nonce) = registry.getNode(nodeIdOf(nodeKey));
        p.nodeId = nodeIdOf(nodeKey);
        p.expiry = expiry;
        (p.r, p.vs) = compact(signRegistration(registry, nodeKey, status, mailserver, nonce, expiry));
    }

    function _bound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        return lo + x % (hi - lo + 1);
    }

    // ------------------------------------------------------------ metadata review

    function test_aPendingProvidersUpdateDoesNotRideOnItsApproval() public {
        applyAs(applicant);
        vm.prank(applicant);
        registry.updateProvider("Status", "https://status.app");
        vm.prank(curator);
        registry.approveProvider(applicant);
        (,,, string memory name,) = registry.getProvider(applicant);
        assertEq(name, "Applicant", "approved with the metadata the curator reviewed");
    }

    function test_acceptanceNamesWhatTheCuratorReviewed() public {
        vm.prank(status);
        registry.updateProvider("Status.app", "https://status.app/contact");
        vm.prank(status);
        registry.updateProvider("Nimbus", "https://nimbus.example"); // swapped while in review
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NoSuchUpdate.selector, status));
        vm.prank(curator);
        registry.acceptProviderUpdate(status, "Status.app", "https://status.app/contact");
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotCurator.selector, status));
        vm.prank(status);
        registry.acceptProviderUpdate(status, "Nimbus", "https://nimbus.example");
    }

    function test_curatorDeclinesAnUpdate() public {
        vm.prank(status);
        registry.updateProvider("Nimbus", "https://nimbus.example");
        vm.expectEmit(true, true, false, true);
        emit ProviderUpdateDeclined(status, curator, "impersonates another provider");
        vm.prank(curator);
        registry.declineProviderUpdate(status, "impersonates another provider");
        (uint64 proposedAt,,) = registry.pendingProviderUpdate(status);
        assertEq(proposedAt, 0, "nothing pending");
        (,,, string memory name,) = registry.getProvider(status);
        assertEq(name, "Status", "unchanged");
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NoSuchUpdate.selector, status));
        vm.prank(curator);
        registry.declineProviderUpdate(status, "again");
    }

    // ------------------------------------------------------------ re-application cooldown

    function test_rejectedProviderWaitsForTheCooldown() public {
        applyAs(applicant);
        vm.warp(1000);
        vm.prank(curator);
        registry.rejectProvider(applicant, "no contact");
        uint256 allowedAt = 1000 + registry.reapplyCooldown();
        vm.warp(allowedAt - 1);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.ReapplyTooSoon.selector, applicant, allowedAt));
        applyAs(applicant);
        vm.warp(allowedAt);
        applyAs(applicant);
        assertTrue(statusOf(applicant) == PENDING, "pending again");
    }

    function test_ownerSetsTheCooldown() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.SettingOutOfRange.selector, 366 days, 0, 365 days));
        registry.setReapplyCooldown(366 days);
        registry.setReapplyCooldown(0);
        vm.stopPrank();
        applyAs(applicant);
        vm.prank(curator);
        registry.rejectProvider(applicant, "r");
        applyAs(applicant);
        assertTrue(statusOf(applicant) == PENDING, "no cooldown");
    }

    // ------------------------------------------------------------ EIP-5267

    function test_eip712DomainDescribesTheSigningDomain() public view {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = registry.eip712Domain();
        assertEq(uint8(fields), 0x0f, "name, version, chainId, verifyingContract");
        bytes32 separator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifyingContract
            )
        );
        assertEq(separator, registry.domainSeparator(), "the domain it reports is the one it uses");
        assertEq(salt, bytes32(0), "no salt");
        assertEq(extensions.length, 0, "no extensions");
    }
}
