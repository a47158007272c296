#!/usr/bin/env bash
# Builds the app image's Java runtime with jlink: the modules jdeps finds in the packaged jars, plus
# those only ever loaded by name, which jdeps cannot see. Writes the module list beside it.
# Usage: runtime.sh INPUT_DIR RUNTIME_DIR JAVA_HOME
set -euo pipefail
input=$1 runtime=$2 jdk=$3

found=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 -q \
  "$input"/*.jar)
# Found by jdeps, left out: what uses them is a feature Waypost does not use, and the code that
# would use it loads it by name and carries on without it (checked by self-check's JavaFX render):
#   java.desktop   JavaFX's Java2D pipeline, printing, JavaBeans adapters and ImageIO fallback
#                  (ImageStorage catches NoClassDefFoundError); Jackson's @ConstructorProperties
#                  support (Java7Support catches it too). 15 MiB with jdk.jfr.
#   jdk.jfr        JavaFX's JFR pulse logger (PulseLogger loads it reflectively, on request only)
#   java.compiler  Error Prone's annotations name javax.lang.model in annotation values only
found=$(tr , '\n' <<<"$found" | grep -vx -e java.desktop -e jdk.jfr -e java.compiler | paste -sd,)
# Loaded by name at run time, invisible to jdeps:
#   jdk.crypto.ec     the "SunEC" provider name (its classes are in java.base since JDK 22; the module
#                     is what older code asks for)
#   jdk.charsets      charsets beyond UTF-8/ISO-8859-1/US-ASCII/UTF-16 (a user's terminal encoding)
#   jdk.zipfs         the "jar:" file system provider
#   jdk.naming.dns    JNDI's "dns:" provider (dnsjava and Netty read the system's DNS setup)
#   jdk.localedata    number and date formats for locales other than English, restricted below
extra=jdk.crypto.ec,jdk.charsets,jdk.zipfs,jdk.naming.dns,jdk.localedata
# English (in java.base), German, French, Spanish, Italian, Portuguese, Russian, Japanese, Chinese:
# 1 MiB; every locale would be 10 MiB.
locales=en,de,fr,es,it,pt,ru,ja,zh
rm -rf "$runtime"
"$jdk/bin/jlink" --add-modules "$found,$extra" --include-locales="$locales" \
  --strip-debug --strip-native-commands --no-man-pages --no-header-files --compress=zip-9 \
  --output "$runtime"
# The JDK's shared libraries keep their symbol tables (libjvm.so alone 5 MB of them); the dynamic
# symbols the JVM and JNI look up stay. Without binutils the runtime is larger, not broken.
if command -v strip >/dev/null 2>&1; then
  find "$runtime/lib" -name '*.so' -exec strip --strip-unneeded {} +
fi
echo "$found,$extra" | tr , '\n' >"$runtime.modules"
echo "runtime: $(tr '\n' ' ' <"$runtime.modules")($(du -sh "$runtime" | cut -f1))"
