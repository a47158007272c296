#!/usr/bin/env bash
# CLI speed (docs/benchmarks.md, "Command line"). Not part of `mvn verify`.
#   bench/cli.sh [runs=5]
# Times the one-shot commands as a user runs them, through ./waypost on a built, unchanged tree
# (JVM start included): --version, ping (beside ChainSafe's discv5 PING) and verify of a reachable trusted node, and select of the
# first trusted server (through the devnet's discovery network, from its printed bootnode), and
# resolve of the node's id through the DHT. The chain is `./waypost devnet`; the node is `./waypost agent` with a
# new key, registered for mailserver by the devnet's approved provider Status through `waypost provider register`
# (Status's devnet key imported into a keystore with Foundry's cast), so it is trusted and has a node id of its own.
# Every process it starts it stops by PID.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-5}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

./waypost --version >/dev/null # builds once if needed; the timings below are of a built tree

./waypost devnet --data-dir "$work/devnet" >"$work/devnet.out" 2>"$work/devnet.err" &
pids+=($!)
for _ in $(seq 1 120); do grep -q "status-mail-1" "$work/devnet.out" 2>/dev/null && break; sleep 1; done
rpc=$(awk '/^RPC URL/{print $3}' "$work/devnet.out")
bootnode=$(awk '/^bootnode/{print $2}' "$work/devnet.out")
registry=$(awk '/^registry/{print $2}' "$work/devnet.out")
status=$(awk '/^  Status \(approved provider\)/{print $(NF-1)}' "$work/devnet.out")
status_key=$(awk '/^  Status \(approved provider\)/{print $NF}' "$work/devnet.out")
chain=(--rpc "$rpc" --chain-id 31337 --registry "$registry" --data-dir "$work/cli")
port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
./waypost agent --node-key "$work/bench-node.key" --create-key --service mailserver --provider "$status" \
  --rpc "$rpc" --chain-id 31337 --registry "$registry" --data-dir "$work/agent" \
  --bootnode "$bootnode" --bind 127.0.0.1 --port "$port" --json >"$work/agent.out" 2>"$work/agent.err" &
pids+=($!)
for _ in $(seq 1 60); do grep -q '"enr"' "$work/agent.out" 2>/dev/null && break; sleep 1; done
enr=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["enr"])' "$work/agent.out")
echo bench > "$work/password"
contracts/node_modules/.bin/cast wallet import status --private-key "$status_key" \
  --keystore-dir "$work/keys" --unsafe-password bench >/dev/null
./waypost provider register "$work/agent.out" --keystore "$work/keys/status" \
  --password-file "$work/password" "${chain[@]}" --log-level warn >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_it() { # name, command...: median wall seconds of $runs runs (after one warm-up)
  local name=$1
  shift
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>"$work/last.err" || { echo "$name failed:"; cat "$work/last.err"; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc
  done | median | xargs printf "%-40s %6.2f s\n" "$name"
}

# The first run of a command after a build has no class-data archive yet (it writes one).
rm -f app/target/cds/ping.jsa
start=$(date +%s.%N)
./waypost ping "$enr" --bind 127.0.0.1 --log-level warn >/dev/null 2>&1 || true
printf "%-40s %6.2f s\n" "waypost ping ENR (first run, no archive)" "$(echo "$(date +%s.%N) - $start" | bc)"
echo "median wall time of $runs runs, JVM start included ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
time_it "waypost --version" ./waypost --version
time_it "waypost ping ENR" ./waypost ping "$enr" --bind 127.0.0.1 --log-level warn
# The reference beside `waypost ping`: ChainSafe's discv5 (Node.js), one PING with its node start,
# since go-ethereum's `devp2p discv5 ping` cannot be built on this machine (docs/benchmarks.md).
[ -d interop/discv5-js/node_modules ] || (cd interop/discv5-js && npm ci --silent >/dev/null)
time_it "node ping.mjs ENR (ChainSafe discv5)" node interop/discv5-js/ping.mjs "$enr"
time_it "waypost verify ENR --service mailserver" \
  ./waypost verify "$enr" --service mailserver "${chain[@]}" --log-level warn
time_it "waypost select --service mailserver" \
  ./waypost select --service mailserver --bootnode "$bootnode" "${chain[@]}" --log-level warn
node_id=$(./waypost enr "$enr" --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["nodeId"])')
time_it "waypost resolve NODE_ID" ./waypost resolve "$node_id" --bootnode "$bootnode" --bind 127.0.0.1 --log-level warn
echo "where the time goes (one verify, --log-level info timestamps):"
./waypost verify "$enr" --service mailserver "${chain[@]}" --log-level info 2>&1 >/dev/null \
  | awk '{print "  " $0}' | cut -c1-160
