# Finds a JDK of at least MIN_JAVA (default 25): JAVA_HOME first, then the usual install
# locations; prints its path, or explains how to get one and fails. Sourced by ./waypost and the
# benchmark scripts.
MIN_JAVA=${MIN_JAVA:-25}

java_feature_version() { # prints the feature version (e.g. 25) of the JDK at $1, or nothing
  local release="$1/release" version
  [[ -x "$1/bin/java" && -x "$1/bin/javac" && -f "$release" ]] || return 0
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  [[ "$version" =~ ^[0-9]+$ ]] && echo "$version"
  return 0
}

find_jdk() {
  local candidate version best="" best_version=0
  if [[ -n "${JAVA_HOME:-}" ]]; then
    version=$(java_feature_version "$JAVA_HOME")
    if [[ -n "$version" && "$version" -ge $MIN_JAVA ]]; then
      echo "$JAVA_HOME"
      return
    fi
    echo "waypost: JAVA_HOME=$JAVA_HOME is not a JDK $MIN_JAVA+; looking for one elsewhere" >&2
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
    "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -d "$candidate" ]] || continue
    version=$(java_feature_version "$candidate")
    if [[ -n "$version" && "$version" -ge $MIN_JAVA && "$version" -gt $best_version ]]; then
      best="$candidate"
      best_version=$version
    fi
  done
  if [[ -z "$best" ]]; then
    cat >&2 <<MSG
waypost: no JDK $MIN_JAVA or newer was found (JAVA_HOME, /usr/lib/jvm, /opt/java, ~/.sdkman, ~/.jdks,
/Library/Java/JavaVirtualMachines). Install one, e.g. Eclipse Temurin $MIN_JAVA
(https://adoptium.net, or 'apt-get install temurin-$MIN_JAVA-jdk' from Adoptium's apt repository),
then run this again or point JAVA_HOME at it.
MSG
    exit 1
  fi
  echo "$best"
}

