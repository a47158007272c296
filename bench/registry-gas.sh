#!/usr/bin/env bash
# Registry gas benchmark. Prints contracts/snapshots/RegistryGas.json as GasTest records it (each
# operation's execution gas, and for registrations and the 2018 baseline the whole transaction's
# gas as `<name>_tx`), then forge's gas report, which runs every call as its own transaction: its
# figures for the GasTest calls must equal the `_tx` ones. The report's snapshot output goes to a
# scratch folder so the committed snapshot is left alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../contracts"
node tools/npm-ci-if-needed.cjs >/dev/null
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
FOUNDRY_SNAPSHOTS="$scratch" node_modules/.bin/forge test --match-contract GasTest >/dev/null
echo "Execution gas and transaction gas (_tx), cold storage (GasTest):"
cat "$scratch/RegistryGas.json"
echo
echo "forge gas report (each call its own transaction; registerNode's max is GasTest's new node):"
FOUNDRY_SNAPSHOTS="$scratch" node_modules/.bin/forge test --match-contract GasTest --gas-report \
  | sed -n '/WaypostRegistry Contract/,/^╰/p'
