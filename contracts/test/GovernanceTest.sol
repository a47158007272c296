// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RegistryFixture} from "./RegistryFixture.sol";
import {WaypostRegistry} from "../src/WaypostRegistry.sol";

/// Owner, curators and the service catalogue.
contract GovernanceTest is RegistryFixture {
    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event CuratorAdded(address indexed curator, address indexed by);
    event CuratorRemoved(address indexed curator, address indexed by);
    event ServiceAdded(bytes32 indexed serviceId, string name, uint8 bit, address indexed curator);

    function test_constructorRejectsZeroOwner() public {
        string[] memory none = new string[](0);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.ZeroAddress.selector));
        new WaypostRegistry(address(0), address(0), "", "", none);
    }

    function test_constructorWithoutDefaultProvider() public {
        string[] memory none = new string[](0);
        WaypostRegistry bare = new WaypostRegistry(owner, address(0), "", "", none);
        assertEq(bare.providerCount(), 0, "no providers");
        assertEq(bare.serviceIds().length, 0, "no services");
    }

    function test_ownershipTakesTwoSteps() public {
        address next = address(0x0E7);
        vm.expectEmit(true, true, false, false);
        emit OwnershipTransferStarted(owner, next);
        vm.prank(owner);
        registry.transferOwnership(next);
        assertEq(registry.owner(), owner, "owner unchanged until accepted");
        assertEq(registry.pendingOwner(), next, "pending owner");

        vm.expectEmit(true, true, false, false);
        emit OwnershipTransferred(owner, next);
        vm.prank(next);
        registry.acceptOwnership();
        assertEq(registry.owner(), next, "new owner");
        assertEq(registry.pendingOwner(), address(0), "pending cleared");
    }

    function test_transferOwnershipOnlyOwner() public {
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotOwner.selector, stranger));
        vm.prank(stranger);
        registry.transferOwnership(stranger);
    }

    function test_acceptOwnershipOnlyPendingOwner() public {
        vm.prank(owner);
        registry.transferOwnership(address(0x0E7));
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotPendingOwner.selector, stranger));
        vm.prank(stranger);
        registry.acceptOwnership();
    }

    function test_acceptOwnershipRefusedWithNothingPending() public {
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotPendingOwner.selector, address(0)));
        vm.prank(address(0));
        registry.acceptOwnership();
    }

    function test_pendingTransferCanBeCancelled() public {
        address next = address(0x0E7);
        vm.startPrank(owner);
        registry.transferOwnership(next);
        registry.transferOwnership(address(0));
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotPendingOwner.selector, next));
        vm.prank(next);
        registry.acceptOwnership();
    }

    function test_addAndRemoveCurators() public {
        address second = address(0xC1);
        vm.expectEmit(true, true, false, false);
        emit CuratorAdded(second, owner);
        vm.prank(owner);
        registry.addCurator(second);
        assertTrue(registry.isCurator(second), "second is curator");
        assertEq(registry.curators().length, 2, "two curators");

        vm.expectEmit(true, true, false, false);
        emit CuratorRemoved(curator, owner);
        vm.prank(owner);
        registry.removeCurator(curator);
        assertFalse(registry.isCurator(curator), "first removed");
        address[] memory left = registry.curators();
        assertEq(left.length, 1, "one curator left");
        assertEq(left[0], second, "the second stays");
    }

    function test_curatorManagementOnlyOwner() public {
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotOwner.selector, curator));
        vm.prank(curator);
        registry.addCurator(stranger);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotOwner.selector, curator));
        vm.prank(curator);
        registry.removeCurator(curator);
    }

    function test_addCuratorRefusals() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.ZeroAddress.selector));
        registry.addCurator(address(0));
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.AlreadyCurator.selector, curator));
        registry.addCurator(curator);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.UnknownCurator.selector, stranger));
        registry.removeCurator(stranger);
        vm.stopPrank();
    }

    function test_removedCuratorLosesPowers() public {
        applyAs(applicant);
        vm.prank(owner);
        registry.removeCurator(curator);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotCurator.selector, curator));
        vm.prank(curator);
        registry.approveProvider(applicant);
    }

    function test_constructorServicesAreCatalogued() public view {
        bytes32[] memory ids = registry.serviceIds();
        assertEq(ids.length, 2, "two services");
        assertEq(ids[0], mailserver, "mailserver first");
        assertEq(ids[1], push, "push second");
        assertEq(registry.serviceName(mailserver), "mailserver", "name kept");
        assertEq(registry.serviceIdOf("mailserver"), mailserver, "id is keccak256 of the name");
    }

    function test_curatorAddsService() public {
        bytes32 id = keccak256("waku-store");
        vm.expectEmit(true, true, false, true);
        emit ServiceAdded(id, "waku-store", 2, curator);
        vm.prank(curator);
        bytes32 returned = registry.addService("waku-store");
        assertEq(returned, id, "returned id");
        assertEq(registry.serviceIds().length, 3, "three services");
    }

    function test_addServiceRefusals() public {
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.NotCurator.selector, stranger));
        vm.prank(stranger);
        registry.addService("x");

        vm.startPrank(curator);
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.InvalidName.selector, 0));
        registry.addService("");
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.InvalidName.selector, 65));
        registry.addService("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.ServiceExists.selector, mailserver));
        registry.addService("mailserver");
        vm.stopPrank();
    }

    function test_catalogueHoldsAtMost32Services() public {
        vm.startPrank(curator);
        for (uint256 i = 2; i < 32; ++i) {
            registry.addService(string(abi.encodePacked("service-", bytes1(uint8(i)))));
        }
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.TooManyServices.selector, 32));
        registry.addService("one-too-many");
        vm.stopPrank();
    }

    function test_unknownServiceName() public {
        vm.expectRevert(abi.encodeWithSelector(WaypostRegistry.UnknownService.selector, bytes32(uint256(1))));
        registry.serviceName(bytes32(uint256(1)));
    }
}
