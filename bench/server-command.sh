# Sourced by the benchmarks that drive a long-lived creact process (bench/lsp-latency.sh,
# bench/dev-latency.sh) from a Node client. Needs HERE, JAVA_HOME (scripts/java-env.sh) and a `log` function.

# The test client's pinned npm packages (vscode-jsonrpc) in server/src/test/node, installed if missing.
bench_node_client() {
  command -v node >/dev/null 2>&1 || { log "node (20 or newer) is needed"; exit 1; }
  local dir="$HERE/server/src/test/node"
  if [ ! -d "$dir/node_modules/vscode-languageserver-protocol" ]; then
    command -v npm >/dev/null 2>&1 || { log "npm is needed to install $dir/node_modules"; exit 1; }
    log "npm ci in server/src/test/node (the test client's pinned packages)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
}

# Sets CMD to bin/creact's exec line for `lsp` and `dev` (C2, G1, its AOT cache unless CREACT_NO_CDS),
# spelled out so that the client owns the java process; the caller appends the command. WRAP (e.g.
# eatmydata) goes in front, CREACT_JAVA_OPTS after the flags. Sets CDS_NOTE for the report. Keep it in step
# with bin/creact.
bench_server_command() {
  local jar="$HERE/cli/target/creact.jar" aot="$HERE/cli/target/creact.aot"
  [ -f "$jar" ] || { log "no $jar"; exit 1; }
  # shellcheck disable=SC2206
  CMD=(${WRAP:-} "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xss16m
    -XX:+UseG1GC -Xmx1g -XX:G1PeriodicGCInterval=30000)
  CDS_NOTE="without an AOT cache"
  if [ -z "${CREACT_NO_CDS:-}" ] && [ -f "$aot" ] && [ ! "$jar" -nt "$aot" ]; then
    CMD+=("-XX:AOTCache=$aot" -Xlog:aot=off -Xlog:cds=off)
    CDS_NOTE="with bin/creact's AOT cache"
  fi
  # shellcheck disable=SC2206
  CMD+=(${CREACT_JAVA_OPTS:-} -jar "$jar")
}
