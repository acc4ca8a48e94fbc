# Sourced by bin/creact and scripts/*: finds a JDK 25 and exports JAVA_HOME, or explains what is missing.
# Order: $JAVA_HOME, then the java on the PATH, then the usual install folders; the first that is 25 or newer
# wins. The editors follow the same rule (launcher/README.md); keep the folder list in step with
# launcher/…/InstallFolders.java (LaunchRuleAgreementTest compares them).

creact_java_major() {
  # A JDK's `release` file names its version: reading it costs nothing, starting a JVM to ask costs about
  # 0.1-0.4 s of CPU on every command (the daemon's client is meant to start in less).
  local v=""
  if [ -f "$1/release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1)"
  fi
  if [ -n "$v" ]; then
    printf '%s\n' "$v"
    return 0
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

creact_find_java() {
  local candidate major path_java path_home=""
  # The JDK folder of the java on the PATH (through symlinks such as /usr/bin/java -> /etc/alternatives/java).
  if path_java="$(command -v java 2>/dev/null)" && [ -n "$path_java" ]; then
    path_java="$(readlink -f "$path_java" 2>/dev/null || printf '%s' "$path_java")"
    path_home="${path_java%/bin/java}"
  fi
  for candidate in "${JAVA_HOME:-}" "$path_home" /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25* \
      /usr/lib/jvm/temurin-2[6-9]* /opt/java/openjdk /opt/jdk-25* "$HOME"/.sdkman/candidates/java/25* \
      /Library/Java/JavaVirtualMachines/*25*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(creact_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
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
