// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "./Vm.sol";

/// Cheatcode access for tests and invariant handlers.
abstract contract CheatBase {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// Maps any fuzzed value into [min, max] without discarding runs.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        uint256 size = max - min + 1;
        if (size == 0) return x; // full uint256 range
        return min + (x % size);
    }

    /// A valid secp256k1 private key derived from any fuzzed value.
    function toPrivateKey(uint256 x) internal pure returns (uint256) {
        return bound(x, 1, 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364140);
    }
}

/// A tiny test base: forge runs `setUp` then every `test*` function; a revert fails the test.
abstract contract TestBase is CheatBase {
    address[] private _targetContracts;

    /// forge reads this to choose which contracts invariant runs call.
    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    function fail(string memory message) internal pure {
        revert(message);
    }

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) revert(message);
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) revert(message);
    }

    function assertEq(uint256 actual, uint256 expected, string memory message) internal pure {
        if (actual != expected) {
            revert(string.concat(message, ": expected ", _str(expected), ", got ", _str(actual)));
        }
    }

    function assertEq(address actual, address expected, string memory message) internal pure {
        if (actual != expected) {
            revert(string.concat(message, ": expected ", _hex(uint160(expected)), ", got ", _hex(uint160(actual))));
        }
    }

    function assertEq(bytes32 actual, bytes32 expected, string memory message) internal pure {
        if (actual != expected) {
            revert(string.concat(message, ": expected ", _hex(uint256(expected)), ", got ", _hex(uint256(actual))));
        }
    }

    function assertEq(bool actual, bool expected, string memory message) internal pure {
        if (actual != expected) revert(string.concat(message, expected ? ": expected true" : ": expected false"));
    }

    function assertEq(string memory actual, string memory expected, string memory message) internal pure {
        if (keccak256(bytes(actual)) != keccak256(bytes(expected))) {
            revert(string.concat(message, ": expected '", expected, "', got '", actual, "'"));
        }
    }

    function assertLe(uint256 actual, uint256 max, string memory message) internal pure {
        if (actual > max) revert(string.concat(message, ": ", _str(actual), " > ", _str(max)));
    }

    function _str(uint256 value) private pure returns (string memory) {
        if (value == 0) return "0";
        bytes memory digits;
        for (uint256 v = value; v != 0; v /= 10) {
            digits = abi.encodePacked(bytes1(uint8(48 + v % 10)), digits);
        }
        return string(digits);
    }

    function _hex(uint256 value) private pure returns (string memory) {
        bytes memory alphabet = "0123456789abcdef";
        bytes memory out = new bytes(66);
        out[0] = "0";
        out[1] = "x";
        for (uint256 i = 0; i < 32; ++i) {
            uint8 b = uint8(value >> (8 * (31 - i)));
            out[2 + 2 * i] = alphabet[b >> 4];
            out[3 + 2 * i] = alphabet[b & 0x0f];
        }
        return string(out);
    }
}
