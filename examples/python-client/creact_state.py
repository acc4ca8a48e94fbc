#!/usr/bin/env python3
"""Follow a creact stack's live state from Python, with the standard library only.

Reads the stack's snapshot (GET /v1/stacks/{stack}/state), then follows its Server-Sent Events
(GET /v1/stacks/{stack}/events), keeping the state up to date as deploys run. The server is
`creact serve` (protocol: docs/state-sync.md in the creact repository).

    python3 creact_state.py --project /path/to/project            # url and token from .creact/sync.json
    python3 creact_state.py --url http://127.0.0.1:4790 --token T --stack prod
    python3 creact_state.py --project . --once --json              # print the snapshot and exit

The token can also come from CREACT_SYNC_TOKEN.
"""
import argparse
import json
import os
import random
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

SCHEMA_VERSION = 1
FINAL = {"DEPLOYED", "FAILED", "ROLLED_BACK"}


class StackState:
    """The state a stream of state_update messages adds up to."""

    def __init__(self, stack):
        self.stack = stack
        self.status = None
        self.serial = 0
        self.state_serial = 0
        self.resources = {}  # id -> {"id", "type", "status", "action"?, "outputs"}
        self.outputs = {}
        self.change = None
        self.error = None

    def apply(self, message):
        if message.get("schemaVersion") != SCHEMA_VERSION:
            raise ValueError("the server speaks schema version %r; this client knows %d"
                             % (message.get("schemaVersion"), SCHEMA_VERSION))
        if message.get("full"):
            self.resources = {}
        for resource in message.get("resources", []):
            self.resources[resource["id"]] = resource
        for gone in message.get("removed", []):
            self.resources.pop(gone, None)
        if "outputs" in message:
            self.outputs = message["outputs"]
        self.status = message["status"]
        self.serial = message["serial"]
        self.state_serial = message["stateSerial"]
        self.change = message.get("change")
        self.error = message.get("error")

    def as_json(self):
        return {"stack": self.stack, "status": self.status, "serial": self.serial,
                "stateSerial": self.state_serial, "resources": list(self.resources.values()),
                "outputs": self.outputs, "error": self.error}

    def summary(self):
        counts = {}
        for r in self.resources.values():
            counts[r["status"]] = counts.get(r["status"], 0) + 1
        parts = ", ".join("%d %s" % (n, s.lower()) for s, n in sorted(counts.items())) or "no resources"
        return "%s: %s (state serial %d): %s" % (self.stack, self.status, self.state_serial, parts)


def endpoint(args):
    """The server's URL and token, from the options, the environment or the project's .creact/sync.json."""
    url, token = args.url, args.token or os.environ.get("CREACT_SYNC_TOKEN")
    if args.project:
        path = os.path.join(args.project, ".creact", "sync.json")
        try:
            with open(path, encoding="utf-8") as f:
                info = json.load(f)
        except OSError as e:
            sys.exit("cannot read %s (%s): is `creact serve` running in that project?" % (path, e.strerror))
        url = url or info["url"]
        token = token or info["token"]
    if not url or not token:
        sys.exit("give --project DIR, or --url and --token (or CREACT_SYNC_TOKEN)")
    return url.rstrip("/"), token


def request(url, token, accept):
    return urllib.request.Request(url, headers={"Authorization": "Bearer " + token, "Accept": accept})


def snapshot(base, token, stack, timeout):
    url = "%s/v1/stacks/%s/state" % (base, urllib.parse.quote(stack))
    with urllib.request.urlopen(request(url, token, "application/json"), timeout=timeout) as response:
        return json.load(response)


def events(base, token, stack, timeout):
    """Yields (event, data) pairs from the stack's Server-Sent Events stream until it ends."""
    url = "%s/v1/stacks/%s/events" % (base, urllib.parse.quote(stack))
    with urllib.request.urlopen(request(url, token, "text/event-stream"), timeout=timeout) as response:
        event, data = "message", []
        for raw in response:
            line = raw.decode("utf-8").rstrip("\r\n")
            if not line:
                if data:
                    yield event, "\n".join(data)
                event, data = "message", []
            elif line.startswith(":"):
                continue  # keep-alive comment
            else:
                field, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if field == "event":
                    event = value
                elif field == "data":
                    data.append(value)


def describe(state, message):
    change = message.get("change")
    parts = []
    for r in message.get("resources", []):
        parts.append("%s %s%s" % (r["id"], r["status"].lower(), " (%s)" % r["action"] if r.get("action") else ""))
    for gone in message.get("removed", []):
        parts.append("%s removed" % gone)
    what = "; ".join(parts[:5]) + (" and %d more" % (len(parts) - 5) if len(parts) > 5 else "")
    return "#%d %s%s%s" % (state.serial, state.status, " " + what if what else "",
                           " [now: %s %s]" % (change["action"], change["id"]) if change else "")


def main():
    parser = argparse.ArgumentParser(description="Follow a creact stack's live state (state sync, SSE).")
    parser.add_argument("--project", help="project folder whose .creact/sync.json names the server and token")
    parser.add_argument("--url", help="server URL, such as http://127.0.0.1:4790")
    parser.add_argument("--token", help="the server's token (default: CREACT_SYNC_TOKEN or .creact/sync.json)")
    parser.add_argument("--stack", default="dev", help="stack to follow (default: dev)")
    parser.add_argument("--once", action="store_true", help="print the snapshot and exit")
    parser.add_argument("--json", action="store_true", help="print the state as JSON (one line per update)")
    parser.add_argument("--until-state-serial", type=int, metavar="N",
                        help="exit once the stack's state serial is at least N and its deployment has ended")
    parser.add_argument("--timeout", type=float, default=60, help="seconds without data before reconnecting")
    args = parser.parse_args()
    base, token = endpoint(args)
    state = StackState(args.stack)

    def show(message=None):
        if args.json:
            print(json.dumps(state.as_json(), sort_keys=True), flush=True)
        else:
            print(describe(state, message) if message else state.summary(), flush=True)

    def done():
        return (args.until_state_serial is not None and state.state_serial >= args.until_state_serial
                and state.status in FINAL)

    try:
        state.apply(snapshot(base, token, args.stack, args.timeout))
    except urllib.error.HTTPError as e:
        body = e.read().decode("utf-8", "replace")
        try:
            body = json.loads(body).get("message", body)
        except ValueError:
            pass
        sys.exit("%s: %s %s" % (args.stack, e.code, body))
    except urllib.error.URLError as e:
        sys.exit("cannot reach %s (%s): is `creact serve` running?" % (base, e.reason))
    show()
    if args.once or done():
        return 0
    delay = 0.5
    while True:
        try:
            for event, data in events(base, token, args.stack, args.timeout):
                message = json.loads(data)
                if event == "error":
                    print("server: %s: %s" % (message.get("code"), message.get("message")), file=sys.stderr)
                    continue
                if event != "state_update":
                    continue
                state.apply(message)
                delay = 0.5
                if not message.get("full"):
                    show(message)
                if done():
                    return 0
        except urllib.error.HTTPError as e:
            if e.code in (401, 403, 404):
                sys.exit("%s: %s %s" % (args.stack, e.code, e.read().decode("utf-8", "replace")))
        except (urllib.error.URLError, OSError, ValueError) as e:
            print("stream ended (%s); reconnecting in %.1f s" % (e, delay), file=sys.stderr)
        # Reconnect with exponential back-off and jitter; the first event after it is the whole state.
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 15)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
