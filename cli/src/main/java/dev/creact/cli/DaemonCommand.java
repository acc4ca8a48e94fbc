package dev.creact.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.client.DaemonConnection;
import dev.creact.client.DaemonDirectory;
import dev.creact.client.DaemonKey;
import dev.creact.client.Frames;
import dev.creact.engine.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code creact daemon status|stop}: the warm engines of this user (always runs in its own process). */
@Command(name = "daemon",
        description = {"The background engine later commands reuse (see the README's \"The daemon\").",
                "One daemon per user, build, folder and environment; it stops after CREACT_DAEMON_IDLE (default 3h)."},
        mixinStandardHelpOptions = true,
        subcommands = {DaemonCommand.Status.class, DaemonCommand.Stop.class})
final class DaemonCommand {
    /** Options of both subcommands. */
    static final class Output {
        @Option(names = "--json", description = "Print one JSON document on stdout.")
        boolean json;

        @Option(names = "--no-color", description = "No colour, as with NO_COLOR=1.")
        boolean noColor;

        Terminal terminal() {
            var g = new GlobalOptions();
            g.json = json;
            g.noColor = noColor;
            return new Terminal(g);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "List this user's daemons: process, folder, commands served, idle time; the one that serves "
                    + "this folder and environment is marked.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Output output = new Output();

        @Override
        public Integer call() {
            var term = output.terminal();
            var daemons = Json.mapper().createArrayNode();
            var dir = DaemonDirectory.of(System.getenv());
            String current = DaemonKey.ofThisProcess().name();
            for (var d : list(dir)) {
                var node = d.status();
                node.put("current", d.key.name().equals(current));
                daemons.add(node);
            }
            if (output.json) {
                ObjectNode doc = Json.mapper().createObjectNode();
                doc.put("directory", dir.path().toString());
                doc.put("currentKey", current);
                doc.set("daemons", daemons);
                term.data.println(Json.writePretty(doc));
                return Main.EXIT_OK;
            }
            if (daemons.isEmpty()) {
                term.human.println("No daemon is running (" + dir.path() + ").");
            }
            for (var node : daemons) {
                String mark = node.path("current").asBoolean() ? term.green("*") + " " : "  ";
                if (node.path("stale").asBoolean()) {
                    term.human.println(mark + term.dim(node.path("key").asText() + ": stale socket (no daemon answers)"));
                    continue;
                }
                term.human.println(mark + "daemon " + node.path("pid").asLong() + " for " + node.path("cwd").asText() + ": "
                        + node.path("commandsServed").asLong() + " commands since " + node.path("startedAt").asText()
                        + (node.path("busy").asBoolean() ? ", running one now" : "")
                        + term.dim(" (" + node.path("socket").asText() + ")"));
            }
            return Main.EXIT_OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the daemon of this folder and environment (with --all, every daemon of this user); a "
                    + "command it is running is cancelled first.")
    static final class Stop implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Output output = new Output();

        @Option(names = "--all", description = "Stop every daemon of this user.")
        boolean all;

        @Override
        public Integer call() {
            var term = output.terminal();
            var dir = DaemonDirectory.of(System.getenv());
            String current = DaemonKey.ofThisProcess().name();
            var stopped = Json.mapper().createArrayNode();
            for (var d : list(dir)) {
                if (!all && !d.key.name().equals(current)) {
                    continue;
                }
                Long pid = d.stop();
                var node = Json.mapper().createObjectNode();
                node.put("key", d.key.name());
                if (pid == null) {
                    node.put("stale", true);
                } else {
                    node.put("pid", pid);
                }
                stopped.add(node);
                term.human.println(pid == null ? "Removed the stale socket " + d.socket.getFileName() + "."
                        : "Stopped daemon " + pid + ".");
            }
            if (stopped.isEmpty()) {
                term.human.println(all ? "No daemon is running." : "No daemon serves this folder and environment.");
            }
            if (output.json) {
                ObjectNode doc = Json.mapper().createObjectNode();
                doc.set("stopped", stopped);
                term.data.println(Json.writePretty(doc));
            }
            return Main.EXIT_OK;
        }
    }

    /** One daemon's files: its socket and the key its token file names. */
    record Found(Path socket, DaemonKey key, DaemonDirectory dir) {
        ObjectNode status() {
            try (var c = DaemonConnection.open(dir, key, Frames.Purpose.STATUS)) {
                var frame = Frames.read(c.in);
                if (frame != null && frame.type() == Frames.STATUS) {
                    return (ObjectNode) Json.mapper().readTree(frame.payload());
                }
            } catch (IOException e) {
                // no daemon answers: stale
            }
            var node = Json.mapper().createObjectNode();
            node.put("key", key.name());
            node.put("socket", socket.toString());
            node.put("stale", true);
            return node;
        }

        /** Stops it and returns its pid, or removes its stale files and returns null. */
        Long stop() {
            try (var c = DaemonConnection.open(dir, key, Frames.Purpose.STOP)) {
                Frames.read(c.in);
                return c.pid;
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(socket);
                    Files.deleteIfExists(dir.token(key));
                } catch (IOException ignored) {
                    // left for the next client, which recovers stale sockets
                }
                return null;
            }
        }
    }

    static List<Found> list(DaemonDirectory dir) {
        var found = new ArrayList<Found>();
        if (!Files.isDirectory(dir.path())) {
            return found;
        }
        try (var files = Files.list(dir.path())) {
            for (var socket : files.filter(p -> p.getFileName().toString().endsWith(".sock")).sorted().toList()) {
                String name = socket.getFileName().toString().replaceFirst("\\.sock$", "");
                Path token = dir.path().resolve(name + ".token");
                String key = name;
                try {
                    var lines = Files.readAllLines(token);
                    if (lines.size() > 1) {
                        key = lines.get(1).strip();
                    }
                } catch (IOException missing) {
                    // a socket without its token: stale
                }
                found.add(new Found(socket, new DaemonKey(key.length() >= 24 ? key : (name + "0".repeat(24)).substring(0, 24)), dir));
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }
}
