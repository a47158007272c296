#!/usr/bin/env bash
# Checks the app image as a user runs it, on its pruned runtime (installer/README.md, "What the
# package holds"):
#   - it weighs at most 120 MiB (du, as `du -sh` counts), anvil included;
#   - `waypost --version` starts and prints nothing on stderr (no JVM warnings);
#   - `waypost self-check`: SQLite's native library, secp256k1, TLS (EC key agreement, TLS 1.3,
#     the CA certificates), a non-English locale's formats, JavaFX headless, the bundled anvil;
#   - the 56,134-character record that crashed the launcher gets a message and exit 2;
#   - `waypost devnet` (the bundled anvil unpacked, the registry deployed, discv5 on loopback) and
#     README's discover and request examples, verbatim, with this image's launcher as ./waypost.
# Usage: check-image.sh APP_IMAGE_DIR README
set -euo pipefail
image=$(cd "$1" && pwd) readme=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
limit_mib=120
work=$(mktemp -d)
devnet=
cleanup() {
  if [[ -n "$devnet" ]] && kill -0 "$devnet" 2>/dev/null; then
    kill -TERM "$devnet" # the devnet stops what it started (anvil, its discovery nodes)
    for _ in $(seq 600); do kill -0 "$devnet" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$devnet" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "check-image: $*" >&2
  exit 1
}

size=$(du -s --block-size=1M "$image" | cut -f1)
echo "check-image: app image $size MiB (limit $limit_mib MiB)"
((size <= limit_mib)) || fail "the app image is $size MiB, more than $limit_mib MiB"

waypost=$image/bin/waypost
"$waypost" --version >"$work/out" 2>"$work/err" || fail "--version failed: $(cat "$work/err")"
[[ -s "$work/err" ]] && fail "--version printed on stderr: $(cat "$work/err")"
echo "check-image: $(cat "$work/out"), nothing on stderr"

mkdir -p "$work/check-data" # self-check unpacks the bundled anvil into the data directory
XDG_DATA_HOME="$work/check-data" "$waypost" self-check || fail "self-check failed"

set +e
"$waypost" enr "enr:-$(head -c 56129 /dev/zero | tr '\0' A)" >"$work/out" 2>"$work/err"
code=$?
set -e
[[ $code == 2 ]] || fail "a 56,134-character argument: exit $code, not 2: $(cat "$work/err")"
grep -q 'characters long, more than the 32,768' "$work/err" || fail "no message: $(cat "$work/err")"
echo "check-image: a 56,134-character argument is refused with exit 2"

# README's client examples, as ReadmeClientExamplesTest runs them, with this image as ./waypost.
ln -s "$waypost" "$work/waypost"
started=$SECONDS
mkdir -p "$work/devnet-data" "$work/client-data"
(cd "$work" && XDG_DATA_HOME="$work/devnet-data" exec ./waypost devnet >"$work/devnet.log" 2>&1) &
devnet=$!
for _ in $(seq 1800); do
  grep -q '^Devnet running' "$work/devnet.log" && break
  kill -0 "$devnet" 2>/dev/null || fail "waypost devnet stopped: $(cat "$work/devnet.log")"
  sleep 0.1
done
grep -q '^Devnet running' "$work/devnet.log" || fail "waypost devnet did not come up in 180 s"
echo "check-image: waypost devnet up after $((SECONDS - started)) s"
# README's discover and request examples (ReadmeClientExamplesTest runs all of them on the build's
# classes; these two cover the paths: registry over RPC, discv5, trust, the encrypted request).
{
  echo 'set -euo pipefail'
  sed -n 's/^ *\(export WAYPOST_.*\)$/\1/p' "$work/devnet.log"
  awk '/<!-- client-examples/ { on = 1; next } on && /^```bash$/ { body = 1; next }
       body && /^```$/ { exit } body { print }' "$readme" |
    grep -E '^NETWORK=|^\./waypost (discover|request) '
} >"$work/examples.sh"
[[ $(grep -c '^\./waypost' "$work/examples.sh") == 2 ]] || fail "README's client examples were not found"
(cd "$work" && XDG_DATA_HOME="$work/client-data" timeout 300 bash examples.sh) >"$work/examples.log" 2>&1 ||
  fail "README's client examples failed on the image: $(cat "$work/examples.log")"
for expected in 'TRUSTED  (Status)' 'encrypted to its key, answer signed by it'; do
  grep -qF "$expected" "$work/examples.log" || fail "the examples did not print '$expected'"
done
echo "check-image: README's discover and request examples passed on this image ($((SECONDS - started)) s with the devnet)"
