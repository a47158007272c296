#!/usr/bin/env bash
# Registry gas benchmark: prints forge's gas report for the GasTest scenarios. The gas report runs
# every call as its own transaction, so its figures are whole-transaction gas (21,000 intrinsic +
# calldata + execution); snapshots/RegistryGas.json holds execution gas of the call alone. The
# report's snapshot output goes to a scratch folder so the committed snapshot is left alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../contracts"
node tools/npm-ci-if-needed.cjs >/dev/null
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
FOUNDRY_SNAPSHOTS="$scratch" node_modules/.bin/forge test --match-contract GasTest --gas-report \
  | sed -n '/WaypostRegistry Contract/,/^╰/p'
echo
echo "Execution gas of each call alone (contracts/snapshots/RegistryGas.json):"
cat snapshots/RegistryGas.json
