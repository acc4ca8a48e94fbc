# A private Docker daemon for one machine, shared by scripts/test-docker and scripts/local-cloud (source it).
# dockerd (Debian's docker.io) runs as root with its own data root, exec root and socket in a folder, with:
# --iptables=false --ip6tables=false (no netfilter in these sandboxes), --bridge=none (no default docker0
# bridge; user-defined bridge networks still work, published ports go through docker-proxy),
# --storage-driver=vfs (no overlay mounts needed). Images are built FROM scratch from a static busybox, so
# nothing is pulled from a registry.

# The path of a static busybox (Debian's busybox-static), or nothing.
creact_static_busybox() {
  for b in /bin/busybox /usr/bin/busybox; do
    if [ -x "$b" ] && ! ldd "$b" >/dev/null 2>&1; then echo "$b"; return 0; fi
  done
  return 1
}

# Sets DOCKERD and BUSYBOX, installing docker.io and busybox-static with apt-get (as root) when missing.
# On failure sets CREACT_DOCKERD_WHY and returns 1.
creact_find_dockerd() {
  # /usr/local/bin/docker may be a client alone; the daemon is Debian's /usr/sbin/dockerd.
  DOCKERD="$(command -v dockerd || true)"
  BUSYBOX="$(creact_static_busybox || true)"
  if [ -z "$DOCKERD" ] || [ -z "$BUSYBOX" ]; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
      CREACT_DOCKERD_WHY="dockerd or a static busybox is missing and this is not root with apt-get (install docker.io and busybox-static)"
      return 1
    fi
    echo "dockerd: installing Debian's docker.io and busybox-static (apt-get)…" >&2
    # Keep the package's own service from starting: the caller starts the daemon it needs.
    local policy=/usr/sbin/policy-rc.d made_policy=""
    if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && made_policy=1; fi
    apt-get update -qq >/dev/null || true
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io busybox-static >/dev/null; then
      [ -n "$made_policy" ] && rm -f "$policy"
      CREACT_DOCKERD_WHY="apt-get could not install docker.io and busybox-static"
      return 1
    fi
    [ -n "$made_policy" ] && rm -f "$policy"
    DOCKERD="$(command -v dockerd || true)"
    BUSYBOX="$(creact_static_busybox || true)"
    if [ -z "$DOCKERD" ] || [ -z "$BUSYBOX" ]; then
      CREACT_DOCKERD_WHY="docker.io or busybox-static installed no dockerd or static busybox"
      return 1
    fi
  fi
  if [ "$(id -u)" != 0 ]; then
    CREACT_DOCKERD_WHY="dockerd needs root (this is uid $(id -u))"
    return 1
  fi
}

# Starts $DOCKERD on unix://$1/docker.sock with its files under $1 and waits until it answers (30 s).
# On failure prints the daemon's last log lines, sets CREACT_DOCKERD_WHY and returns 1.
creact_start_dockerd() {
  local work="$1" sock="$1/docker.sock"
  mkdir -p "$work"
  "$DOCKERD" --data-root "$work/data" --exec-root "$work/exec" --pidfile "$work/dockerd.pid" \
    -H "unix://$sock" --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
    >"$work/dockerd.log" 2>&1 &
  local daemon=$!
  for _ in $(seq 1 300); do
    if curl -fsS --unix-socket "$sock" http://docker/_ping >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$daemon" 2>/dev/null; then
      echo "dockerd exited; its last log lines:" >&2; tail -n 15 "$work/dockerd.log" | sed 's/^/  /' >&2
      CREACT_DOCKERD_WHY="dockerd could not start here (see its log above)"
      return 1
    fi
    sleep 0.1
  done
  echo "dockerd did not answer within 30 s; its last log lines:" >&2; tail -n 15 "$work/dockerd.log" | sed 's/^/  /' >&2
  CREACT_DOCKERD_WHY="dockerd did not answer on its socket"
  return 1
}

# Stops the daemon started in $1 and, with $2 = remove, removes the folder (unmounting what is left).
creact_stop_dockerd() {
  local work="$1" remove="${2:-}"
  if [ -f "$work/dockerd.pid" ]; then
    local pid
    pid="$(cat "$work/dockerd.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$work/dockerd.pid"
  fi
  # dockerd's own containerd (and its shims) stop a moment after it; then whatever is still mounted
  # under the folder (network namespaces, shm) is unmounted
  for _ in $(seq 1 50); do
    { grep -o " $work[^ ]*" /proc/mounts 2>/dev/null || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
    [ "$remove" = remove ] || break
    rm -rf "$work" 2>/dev/null && break
    sleep 0.2
  done
  if [ "$remove" = remove ] && [ -e "$work" ]; then echo "dockerd: note: could not remove $work" >&2; fi
  return 0
}
