# Sourced by bin/creact and scripts/*: finds a JDK 25 and exports JAVA_HOME, or explains what is missing.
# Order: $JAVA_HOME, then the java on the PATH, then the usual install folders; the first that is 25 or newer
# wins. The editors follow the same rule (launcher/README.md); keep the folder list in step with
# launcher/…/InstallFolders.java (LaunchRuleAgreementTest compares them).

creact_java_major() {
  creact_read_java_major "$1"
  printf '%s\n' "$CREACT_JAVA_MAJOR"
}

creact_read_java_major() {
  # Sets CREACT_JAVA_MAJOR to the Java feature release of the JDK folder $1 (empty when unknown). A JDK's
  # `release` file names its version: it is read with shell builtins, since every process this script starts
  # costs milliseconds on each command and starting a JVM to ask costs 0.1-0.4 s of CPU (the daemon's client is
  # meant to start in less).
  CREACT_JAVA_MAJOR=""
  local line
  if [ -f "$1/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=\"*)
          line="${line#JAVA_VERSION=\"}"
          CREACT_JAVA_MAJOR="${line%%[!0-9]*}"
          break
          ;;
      esac
    done <"$1/release"
  fi
  if [ -z "$CREACT_JAVA_MAJOR" ]; then
    CREACT_JAVA_MAJOR="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)"
  fi
}

creact_is_jdk25() {
  # Whether the folder $1 holds a java that is 25 or newer.
  [ -n "$1" ] && [ -x "$1/bin/java" ] || return 1
  creact_read_java_major "$1"
  [ -n "$CREACT_JAVA_MAJOR" ] && [ "$CREACT_JAVA_MAJOR" -ge 25 ]
}

creact_find_java() {
  local candidate path_java="" path_home="" dir
  local -a path_dirs
  # $JAVA_HOME comes first (it is also the loop's first candidate): when it is a JDK 25, the PATH is not
  # resolved, so no process is started.
  if creact_is_jdk25 "${JAVA_HOME:-}"; then
    export JAVA_HOME
    return 0
  fi
  # The JDK folder of the java on the PATH (through symlinks such as /usr/bin/java -> /etc/alternatives/java).
  IFS=: read -r -a path_dirs <<<"$PATH"
  for dir in "${path_dirs[@]}"; do
    if [ -f "${dir:-.}/java" ] && [ -x "${dir:-.}/java" ]; then
      path_java="${dir:-.}/java"
      break
    fi
  done
  if [ -n "$path_java" ]; then
    path_java="$(readlink -f "$path_java" 2>/dev/null || printf '%s' "$path_java")"
    path_home="${path_java%/bin/java}"
  fi
  for candidate in "${JAVA_HOME:-}" "$path_home" /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25* \
      /usr/lib/jvm/temurin-2[6-9]* /opt/java/openjdk /opt/jdk-25* "$HOME"/.sdkman/candidates/java/25* \
      /Library/Java/JavaVirtualMachines/*25*/Contents/Home; do
    if creact_is_jdk25 "$candidate"; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  {
    echo "creact needs a JDK 25 or newer, and none was found."
    if [ -n "${JAVA_HOME:-}" ]; then
      echo "  JAVA_HOME=$JAVA_HOME is Java $(creact_java_major "$JAVA_HOME" || echo '?')."
    fi
    if [ -n "$path_home" ]; then
      echo "  The java on the PATH ($path_java) is Java $(creact_java_major "$path_home" || echo '?')."
    fi
    echo "  Looked in: \$JAVA_HOME, the java on the PATH, /usr/lib/jvm/{temurin,java,jdk}-25*, /opt/java/openjdk, ~/.sdkman/candidates/java/25*."
    echo "  Install Temurin 25 (https://adoptium.net) and set JAVA_HOME to it."
  } >&2
  return 1
}
