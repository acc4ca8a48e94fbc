package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.client.ClientMain;
import dev.creact.client.DaemonConnection;
import dev.creact.client.DaemonDirectory;
import dev.creact.client.DaemonKey;
import dev.creact.client.Frames;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon with real processes: the thin client's JVM ({@link ClientMain}) starts a real daemon JVM and
 * hands it commands over its Unix socket; what it prints and returns is compared with the same command run
 * in-process ({@link CreactProcess}). Every client runs in one folder with one environment, so one daemon
 * serves most tests (each new daemon is a JVM start); the projects are subfolders named with --entry.
 */
@DisplayName("The daemon: a warm engine the CLI reuses, with the in-process output")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonTest {
    private Path base;
    private Path daemons;
    private final Set<Long> startedDaemons = new HashSet<>();

    @BeforeAll
    void setUp() throws IOException {
        base = Files.createTempDirectory("creact-daemon-test").toRealPath();
        daemons = base.resolve("daemons");
        for (var name : List.of("a", "b", "d", "e")) {
            Files.createDirectories(base.resolve(name));
            Files.writeString(base.resolve(name).resolve("infrastructure.tsx"), stack(4, 0));
        }
        Files.createDirectories(base.resolve("slow"));
        Files.writeString(base.resolve("slow").resolve("infrastructure.tsx"), stack(6, 400));
        Files.createDirectories(base.resolve("broken"));
        Files.writeString(base.resolve("broken").resolve("infrastructure.tsx"),
                "export default function App() {\n  return <MockResource key=\"x\" />;\n}\n");
    }

    /** Stops every daemon these tests started (by its socket, then by pid), so no test leaves one behind. */
    @AfterAll
    void stopDaemons() throws IOException {
        var dir = new DaemonDirectory(daemons);
        for (var found : DaemonCommand.list(dir)) {
            found.stop();
        }
        for (long pid : startedDaemons) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy();
                p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> p).join();
                p.destroyForcibly();
            });
        }
        try (var files = Files.walk(base)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** {@code n} mock resources in a chain (r_i depends on r_(i-1)), each call taking {@code latencyMs}. */
    static String stack(int n, int latencyMs) {
        var sb = new StringBuilder("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  const r = [];
                """);
        for (int i = 0; i < n; i++) {
            String dep = i > 0 ? ", dependsOn: [r[" + (i - 1) + "]]" : "";
            sb.append("  r.push(useInstance(MockResource, { key: \"r").append(i).append("\", latencyMs: ")
                    .append(latencyMs).append(", n: ").append(i).append(dep).append(" }));\n");
        }
        return sb.append("  return null;\n}\n").toString();
    }

    private Map<String, String> env(Map<String, String> extra) {
        var env = new HashMap<>(System.getenv());
        env.remove("CI");
        env.remove("CREACT_NO_DAEMON");
        env.remove("CREACT_DAEMON_IDLE");
        env.put("NO_COLOR", "1");
        env.put("CREACT_DAEMON_DIR", daemons.toString());
        env.putAll(extra);
        return env;
    }

    private ProcessBuilder client(Map<String, String> extraEnv, boolean tty, String... args) {
        String cp = System.getProperty("java.class.path");
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dcreact.tty=" + (tty ? 1 : 0),
                "-Dcreact.daemon.classpath=" + cp, "-cp", cp, "dev.creact.client.ClientMain"));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).directory(base.toFile());
        pb.environment().clear();
        pb.environment().putAll(env(extraEnv));
        return pb;
    }

    private CreactProcess.Result run(ProcessBuilder pb, String stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile(base, "out", ".txt");
        Path err = Files.createTempFile(base, "err", ".txt");
        Path in = Files.createTempFile(base, "in", ".txt");
        Files.writeString(in, stdin);
        var p = pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in 180 s: " + pb.command());
        }
        return new CreactProcess.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private CreactProcess.Result viaDaemon(String... args) throws Exception {
        var r = run(client(Map.of(), false, args), "");
        assertNotEquals(ClientMain.IN_PROCESS, r.exitCode(), "the daemon did not serve " + List.of(args) + ": " + r.all());
        return r;
    }

    private CreactProcess.Result inProcess(String... args) throws Exception {
        var pb = CreactProcess.builder(base, args);
        pb.environment().clear();
        pb.environment().putAll(env(Map.of()));
        return run(pb, "");
    }

    /** The status the daemon of this environment reports over its socket, or null when none answers. */
    private JsonNode status(Map<String, String> extraEnv) {
        var key = DaemonKey.of(System.getProperty("java.class.path"), base, env(extraEnv));
        try (var c = DaemonConnection.open(new DaemonDirectory(daemons), key, Frames.Purpose.STATUS)) {
            var frame = Frames.read(c.in);
            var node = Json.mapper().readTree(new String(frame.payload(), StandardCharsets.UTF_8));
            startedDaemons.add(node.path("pid").asLong());
            return node;
        } catch (IOException none) {
            return null;
        }
    }

    /** Waits (bounded, not a timing claim) until the daemon of this environment runs no command. */
    private void awaitIdle(Map<String, String> extraEnv) throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            var s = status(extraEnv);
            if (s != null && !s.path("busy").asBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the daemon stayed busy");
    }

    /** Durations differ between two runs; nothing else may. */
    private static String stable(String output) {
        return output.replaceAll("\\(\\d+ ms\\)", "(N ms)");
    }

    private static void assertSame(CreactProcess.Result expected, CreactProcess.Result actual, String what) {
        assertEquals(expected.exitCode(), actual.exitCode(), what + ": exit code; daemon output: " + actual.all());
        assertEquals(stable(expected.stdout()), stable(actual.stdout()), what + ": stdout");
        assertEquals(stable(expected.stderr()), stable(actual.stderr()), what + ": stderr");
    }

    @Test
    @Order(1)
    @DisplayName("a second plan is served by the same daemon, with in-process output and exit code")
    void secondPlanIsServedByTheDaemon() throws Exception {
        var first = viaDaemon("plan", "--entry", "a/infrastructure.tsx");
        long pid = status(Map.of()).path("pid").asLong();
        var second = viaDaemon("plan", "--entry", "a/infrastructure.tsx");
        var status = status(Map.of());
        assertEquals(pid, status.path("pid").asLong(), "the same daemon served both");
        assertEquals(2, status.path("commandsServed").asLong());
        assertEquals(base.toString(), status.path("cwd").asText());
        var local = inProcess("plan", "--entry", "a/infrastructure.tsx");
        assertSame(local, first, "plan");
        assertSame(local, second, "plan again");
        assertTrue(first.stdout().contains("Plan: 4 to create"), first.all());
        assertSame(inProcess("plan", "--json", "--entry", "a/infrastructure.tsx"),
                viaDaemon("plan", "--json", "--entry", "a/infrastructure.tsx"), "plan --json");

        var statusCommand = inProcess("daemon", "status", "--json");
        assertEquals(0, statusCommand.exitCode(), statusCommand.all());
        var doc = Json.mapper().readTree(statusCommand.stdout());
        assertEquals(1, doc.path("daemons").size(), statusCommand.stdout());
        assertEquals(pid, doc.path("daemons").get(0).path("pid").asLong());
        assertTrue(doc.path("daemons").get(0).path("current").asBoolean(), "the daemon of this folder is marked");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(daemons)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Path.of(status.path("socket").asText()))));
    }

    @Test
    @Order(2)
    @DisplayName("deploy, destroy and a failing build: the daemon's output and exit code are the in-process ones")
    void deployDestroyAndFailureMatchInProcess() throws Exception {
        assertSame(inProcess("deploy", "--auto-approve", "--entry", "b/infrastructure.tsx"),
                viaDaemon("deploy", "--auto-approve", "--entry", "a/infrastructure.tsx"), "deploy");
        assertSame(inProcess("plan", "--detailed-exitcode", "--entry", "b/infrastructure.tsx"),
                viaDaemon("plan", "--detailed-exitcode", "--entry", "a/infrastructure.tsx"), "plan after deploy");
        assertSame(inProcess("destroy", "--auto-approve", "--entry", "b/infrastructure.tsx"),
                viaDaemon("destroy", "--auto-approve", "--entry", "a/infrastructure.tsx"), "destroy");
        var local = inProcess("build", "--entry", "broken/infrastructure.tsx");
        var daemon = viaDaemon("build", "--entry", "broken/infrastructure.tsx");
        assertEquals(1, daemon.exitCode(), daemon.all());
        assertSame(local, daemon, "a failing build");
        assertSame(inProcess("plan", "--no-such-option"), viaDaemon("plan", "--no-such-option"), "bad usage");
    }

    @Test
    @Order(3)
    @DisplayName("the approval prompt reads the client's stdin")
    void approvalReadsTheClientsStdin() throws Exception {
        var declined = run(client(Map.of(), true, "deploy", "--entry", "d/infrastructure.tsx"), "no\n");
        assertEquals(1, declined.exitCode(), "declined is not applied: " + declined.all());
        assertTrue(declined.stdout().contains("Only 'yes' is accepted: "), declined.all());
        assertTrue(declined.stdout().contains("Nothing was changed."), declined.all());
        var approved = run(client(Map.of(), true, "deploy", "--entry", "d/infrastructure.tsx"), "yes\n");
        assertEquals(0, approved.exitCode(), approved.all());
        assertTrue(approved.stdout().contains("Only 'yes' is accepted"), approved.all());
        assertTrue(approved.stdout().contains("deploy complete: 4 created"), approved.all());
    }

    @Test
    @Order(4)
    @DisplayName("Ctrl-C in the client cancels the deploy in the daemon, and so does a killed client; the state stays consistent")
    void interruptAndDisconnectCancelTheDeploy() throws Exception {
        // Ctrl-C: SIGINT to the client once the first resource is done.
        Path out = base.resolve("slow-out.txt");
        var p = client(Map.of(), false, "deploy", "--auto-approve", "--entry", "slow/infrastructure.tsx")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        awaitLine(out, "+ r0 (");
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String cancelled = Files.readString(out);
        assertEquals(1, p.exitValue(), cancelled);
        assertTrue(cancelled.contains("Cancelled:"), cancelled);
        assertFalse(cancelled.contains("+ r5 ("), "stopped before the last resource: " + cancelled);

        // A client killed outright (its socket closes): the daemon cancels too and is free again.
        Files.writeString(base.resolve("slow").resolve("infrastructure.tsx"), stack(6, 400).replace("n: ", "m: 1, n: "));
        var killed = client(Map.of(), false, "deploy", "--auto-approve", "--entry", "slow/infrastructure.tsx")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        awaitLine(out, "~ r0 (");
        killed.destroyForcibly().waitFor();
        awaitIdle(Map.of());

        var again = viaDaemon("deploy", "--auto-approve", "--entry", "slow/infrastructure.tsx");
        assertEquals(0, again.exitCode(), again.all());
        var plan = viaDaemon("plan", "--detailed-exitcode", "--entry", "slow/infrastructure.tsx");
        assertEquals(0, plan.exitCode(), "nothing left to do after the interrupted deploys: " + plan.all());
        var local = inProcess("plan", "--detailed-exitcode", "--entry", "slow/infrastructure.tsx");
        assertEquals(0, local.exitCode(), local.all());
    }

    private static void awaitLine(Path out, String text) throws Exception {
        for (int i = 0; i < 6000; i++) {
            if (Files.exists(out) && Files.readString(out).contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("never printed " + text + ": " + Files.readString(out));
    }

    @Test
    @Order(5)
    @DisplayName("a changed environment variable gets another daemon, which stops after its idle time")
    void changedEnvironmentGetsAnotherDaemonThatIdlesOut() throws Exception {
        var other = Map.of("CREACT_DAEMON_IDLE", "1s");
        var r = run(client(other, false, "--verbose", "plan", "--entry", "e/infrastructure.tsx"), "");
        assertEquals(0, r.exitCode(), r.all());
        var served = java.util.regex.Pattern.compile("served by daemon (\\d+)").matcher(r.stderr());
        assertTrue(served.find(), r.stderr());
        long theirs = Long.parseLong(served.group(1));
        startedDaemons.add(theirs);
        assertNotEquals(status(Map.of()).path("pid").asLong(), theirs, "another daemon for another environment");
        // The idle one stops by itself: its socket goes and its process ends (bounded waits, no timing claim).
        Path socket = new DaemonDirectory(daemons).socket(DaemonKey.of(System.getProperty("java.class.path"), base, env(other)));
        for (int i = 0; i < 3000 && Files.exists(socket); i++) {
            Thread.sleep(20);
        }
        assertFalse(Files.exists(socket), "the idle daemon removed its socket");
        ProcessHandle.of(theirs).ifPresent(h -> h.onExit().orTimeout(60, TimeUnit.SECONDS).join());
        assertTrue(status(Map.of()) != null, "the other daemon still serves");
    }

    @Test
    @Order(6)
    @DisplayName("a stale socket (its daemon killed) is recovered by the next command")
    void staleSocketIsRecovered() throws Exception {
        var before = status(Map.of());
        long pid = before.path("pid").asLong();
        Path socket = Path.of(before.path("socket").asText());
        var handle = ProcessHandle.of(pid).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().orTimeout(60, TimeUnit.SECONDS).join();
        assertTrue(Files.exists(socket), "SIGKILL left the socket file behind");
        assertEquals(null, status(Map.of()), "nobody answers on it");
        var r = viaDaemon("plan", "--entry", "e/infrastructure.tsx");
        assertEquals(0, r.exitCode(), r.all());
        long newPid = status(Map.of()).path("pid").asLong();
        assertNotEquals(pid, newPid, "a new daemon");
    }

    @Test
    @Order(7)
    @DisplayName("CI=true, --no-daemon and lsp run in-process (the client hands them back untouched)")
    void ciAndNoDaemonRunInProcess() throws Exception {
        var ci = run(client(Map.of("CI", "true"), false, "plan", "--entry", "e/infrastructure.tsx"), "");
        assertEquals(ClientMain.IN_PROCESS, ci.exitCode(), ci.all());
        assertEquals("", ci.all());
        var flag = run(client(Map.of(), false, "--no-daemon", "plan", "--entry", "e/infrastructure.tsx"), "");
        assertEquals(ClientMain.IN_PROCESS, flag.exitCode(), flag.all());
        var lsp = run(client(Map.of(), false, "lsp"), "");
        assertEquals(ClientMain.IN_PROCESS, lsp.exitCode(), lsp.all());
        assertEquals(null, status(Map.of("CI", "true")), "no daemon was started for CI");
    }
}
