// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RegistryFixture} from "./RegistryFixture.sol";
import {WaypostRegistry} from "../src/WaypostRegistry.sol";

/// The provider lifecycle: apply, approve, reject, suspend, reinstate, update, withdraw.
contract ProvidersTest is RegistryFixture {
    event ProviderApplied(address indexed provider, string name, string metadataURI);
    event ProviderUpdated(address indexed provider, string name, string metadataURI);
    event ProviderApproved(address indexed provider, address indexed curator);
    event ProviderRejected(address indexed provider, address indexed curator, string reason);
    event ProviderSuspended(address indexed provider, address indexed curator, string reason);
    event ProviderReinstated(address indexed provider, address indexed curator, string reason);
    event ProviderWithdrawn(address indexed provider);
    event ProviderUpdateProposed(address indexed provider, string name, string metadataURI);
    event ProviderUpdateAccepted(address indexed provider, address indexed curator);

    WaypostRegistry.ProviderStatus constant NONE = WaypostRegistry.ProviderStatus.None;
    WaypostRegistry.ProviderStatus constant PENDING = WaypostRegistry.ProviderStatus.Pending;
    WaypostRegistry.ProviderStatus constant APPROVED = WaypostRegistry.ProviderStatus.Approved;
    WaypostRegistry.ProviderStatus constant REJECTED = WaypostRegistry.ProviderStatus.Rejected;
    WaypostRegistry.ProviderStatus constant SUSPENDED = WaypostRegistry.ProviderStatus.Suspended;
    WaypostRegistry.ProviderStatus constant WITHDRAWN = WaypostRegistry.ProviderStatus.Withdrawn;

    function test_defaultProviderIsApproved() public view {
        (WaypostRegistry.ProviderStatus s,,, string memory name, string memory uri) = registry.getProvider(status);
        assertTrue(s == APPROVED, "Status approved at deployment");
        assertEq(name, "Status", "name");
        assertEq(uri, "https://status.app", "metadata");
        assertEq(registry.providerCount(), 1, "one provider");
    }

    function test_applyRecordsAPendingProvider() public {
        vm.warp(1000);
        vm.expectEmit(true, false, false, true);
        emit ProviderApplied(applicant, "Applicant", "https://applicant.example");
        applyAs(applicant);
        (WaypostRegistry.ProviderStatus s, uint64 appliedAt, uint64 updatedAt, string memory name,) =
            registry.getProvider(applicant);
        assertTrue(s == PENDING, "pending");
        assertEq(appliedAt, 1000, "applied at");
        assertEq(updatedAt, 1000, "updated at");
        assertEq(name, "Applicant", "name");
        assertEq(registry.providerCount(), 2, "listed");
        address[] memory page = registry.listProviders(1, 10);
        assertEq(page.length, 1, "page of one");
        assertEq(page[0], applicant, "applicant listed second");
    }

    function test_applyRefusedWhileActive() public {
        applyAs(applicant);
        vm.expectRevert(wrongStatus(applicant, PENDING));
        applyAs(applicant);
        vm.expectRevert(wrongStatus(status, APPROVED));
        vm.prank(status);
        registry.applyAsProvider("Status", "");
    }

    function test_applyValidatesText() public {
        vm.startPrank(applicant);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.InvalidName.selector, 0));
        registry.applyAsProvider("", "https://x");
        bytes memory longUri = new bytes(257);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.TextTooLong.selector, 257, 256));
        registry.applyAsProvider("Name", string(longUri));
        vm.stopPrank();
        assertTrue(statusOf(applicant) == NONE, "nothing written");
    }

    function test_curatorApproves() public {
        applyAs(applicant);
        vm.expectEmit(true, true, false, false);
        emit ProviderApproved(applicant, curator);
        vm.prank(curator);
        registry.approveProvider(applicant);
        assertTrue(statusOf(applicant) == APPROVED, "approved");
    }

    function test_onlyCuratorsDecide() public {
        applyAs(applicant);
        bytes memory notCurator = abi.encodeWithSelector(WaypostRegistry.NotCurator.selector, stranger);
        vm.startPrank(stranger);
        vm.expectRevert(notCurator);
        registry.approveProvider(applicant);
        vm.expectRevert(notCurator);
        registry.rejectProvider(applicant, "no");
        vm.expectRevert(notCurator);
        registry.suspendProvider(status, "no");
        vm.expectRevert(notCurator);
        registry.reinstateProvider(status, "no");
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotCurator.selector, owner));
        vm.prank(owner); // the owner is not a curator unless it adds itself
        registry.approveProvider(applicant);
    }

    function test_rejectCarriesReason() public {
        applyAs(applicant);
        vm.expectEmit(true, true, false, true);
        emit ProviderRejected(applicant, curator, "no contact address");
        vm.prank(curator);
        registry.rejectProvider(applicant, "no contact address");
        assertTrue(statusOf(applicant) == REJECTED, "rejected");
    }

    function test_suspendAndReinstateCarryReasons() public {
        vm.expectEmit(true, true, false, true);
        emit ProviderSuspended(status, curator, "nodes serve stale data");
        vm.prank(curator);
        registry.suspendProvider(status, "nodes serve stale data");
        assertTrue(statusOf(status) == SUSPENDED, "suspended");

        vm.expectEmit(true, true, false, true);
        emit ProviderReinstated(status, curator, "fixed");
        vm.prank(curator);
        registry.reinstateProvider(status, "fixed");
        assertTrue(statusOf(status) == APPROVED, "approved again");
    }

    function test_transitionsRefusedFromWrongStatus() public {
        vm.startPrank(curator);
        vm.expectRevert(wrongStatus(applicant, NONE));
        registry.approveProvider(applicant);
        vm.expectRevert(wrongStatus(status, APPROVED));
        registry.approveProvider(status);
        vm.expectRevert(wrongStatus(status, APPROVED));
        registry.rejectProvider(status, "r");
        vm.expectRevert(wrongStatus(status, APPROVED));
        registry.reinstateProvider(status, "r");
        vm.expectRevert(wrongStatus(applicant, NONE));
        registry.suspendProvider(applicant, "r");
        vm.stopPrank();
    }

    function test_reasonLengthIsCapped() public {
        applyAs(applicant);
        string memory tooLong = string(new bytes(513));
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.TextTooLong.selector, 513, 512));
        vm.prank(curator);
        registry.rejectProvider(applicant, tooLong);
        assertTrue(statusOf(applicant) == PENDING, "still pending");
    }

    function test_providerUpdatesMetadataOnceACuratorAccepts() public {
        vm.warp(5000);
        vm.expectEmit(true, false, false, true);
        emit ProviderUpdateProposed(status, "Status.app", "https://status.app/contact");
        vm.prank(status);
        registry.updateProvider("Status.app", "https://status.app/contact");
        (,,, string memory name,) = registry.getProvider(status);
        assertEq(name, "Status", "the reviewed name stays until a curator accepts");
        (uint64 proposedAt, string memory proposedName,) = registry.pendingProviderUpdate(status);
        assertEq(proposedAt, 5000, "proposal recorded");
        assertEq(proposedName, "Status.app", "proposal readable");

        vm.warp(6000);
        vm.expectEmit(true, false, false, true);
        emit ProviderUpdated(status, "Status.app", "https://status.app/contact");
        vm.expectEmit(true, true, false, false);
        emit ProviderUpdateAccepted(status, curator);
        vm.prank(curator);
        registry.acceptProviderUpdate(status, "Status.app", "https://status.app/contact");
        (,, uint64 updatedAt, string memory accepted, string memory uri) = registry.getProvider(status);
        assertEq(accepted, "Status.app", "name updated");
        assertEq(uri, "https://status.app/contact", "uri updated");
        assertEq(updatedAt, 6000, "timestamp of the acceptance");
        (proposedAt,,) = registry.pendingProviderUpdate(status);
        assertEq(proposedAt, 0, "nothing pending");
    }

    function test_updateRefusedWhenNotActive() public {
        vm.expectRevert(wrongStatus(stranger, NONE));
        vm.prank(stranger);
        registry.updateProvider("x", "");
        applyAs(applicant);
        vm.prank(curator);
        registry.rejectProvider(applicant, "r");
        vm.expectRevert(wrongStatus(applicant, REJECTED));
        vm.prank(applicant);
        registry.updateProvider("x", "");
    }

    function test_withdrawFromEveryActiveStatus() public {
        vm.expectEmit(true, false, false, false);
        emit ProviderWithdrawn(status);
        vm.prank(status);
        registry.withdrawProvider();
        assertTrue(statusOf(status) == WITHDRAWN, "approved -> withdrawn");

        applyAs(applicant);
        vm.prank(applicant);
        registry.withdrawProvider();
        assertTrue(statusOf(applicant) == WITHDRAWN, "pending -> withdrawn");

        applyAs(stranger);
        vm.startPrank(curator);
        registry.approveProvider(stranger);
        registry.suspendProvider(stranger, "r");
        vm.stopPrank();
        // A suspended provider cannot withdraw: the suspension stays on record.
        vm.expectRevert(wrongStatus(stranger, SUSPENDED));
        vm.prank(stranger);
        registry.withdrawProvider();

        vm.expectRevert(wrongStatus(applicant, WITHDRAWN));
        vm.prank(applicant);
        registry.withdrawProvider();
    }

    function test_reapplyAfterRejectionOrWithdrawal() public {
        applyAs(applicant);
        vm.prank(curator);
        registry.rejectProvider(applicant, "r");
        vm.warp(block.timestamp + registry.reapplyCooldown());
        applyAs(applicant);
        assertTrue(statusOf(applicant) == PENDING, "pending again after rejection");
        vm.prank(applicant);
        registry.withdrawProvider();
        vm.warp(block.timestamp + registry.reapplyCooldown());
        applyAs(applicant);
        assertTrue(statusOf(applicant) == PENDING, "pending again after withdrawal");
        assertEq(registry.providerCount(), 2, "listed once");
    }

    function test_providerPaging() public {
        for (uint160 i = 1; i <= 5; ++i) {
            applyAs(address(0x1000 + i));
        }
        assertEq(registry.listProviders(0, 3).length, 3, "first page");
        assertEq(registry.listProviders(3, 3).length, 3, "last page is short");
        assertEq(registry.listProviders(6, 3).length, 0, "past the end");
        assertEq(registry.listProviders(100, 3).length, 0, "far past the end");
        assertEq(registry.listProviders(2, type(uint256).max).length, 4, "unbounded limit");
    }
}
