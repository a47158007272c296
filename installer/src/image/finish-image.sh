#!/usr/bin/env bash
# Finishes the app image jpackage made:
# - Puts a script in front of the command-line launcher. jpackage's launcher (JDK 25) crashes with
#   SIGSEGV, before any Java runs, once its arguments and the class path it adds pass about 64 KiB;
#   the script refuses command lines over ArgumentLimit.MAX_CHARACTERS (32,768) with the message
#   and exit code 2 that main gives. The native launcher moves to lib/waypost-native (it finds
#   lib/app and lib/runtime from its parent folder, and its settings by its own name).
# - Strips the launcher library's symbol table (0.4 MiB), if binutils are there.
# Usage: finish-image.sh APP_IMAGE_DIR GUARD_SCRIPT
set -euo pipefail
image=$1 guard=$2
if [[ ! -f "$image/lib/waypost-native" ]]; then
  mv "$image/bin/waypost" "$image/lib/waypost-native"
  mv "$image/lib/app/waypost.cfg" "$image/lib/app/waypost-native.cfg"
fi
install -m 0755 "$guard" "$image/bin/waypost"
if command -v strip >/dev/null 2>&1; then
  strip --strip-unneeded "$image/lib/libapplauncher.so"
fi
