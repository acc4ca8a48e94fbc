package dev.creact.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * State sync under a deploy: `creact serve` follows a project while `creact deploy` updates all of its N
 * MockResources (resource i reads the output of resource i-10: ten chains, N/10 deep), and K WebSocket
 * subscribers (in this JVM) receive the changes.
 *
 * <p><b>Latency</b>: for every resource, from the moment its result is written to the deploy's journal (the
 * journal line's own {@code at}, taken just before the write) to the moment each subscriber receives the
 * message that shows it DEPLOYED; and from the deployment record's last write (its mtime) to the final
 * DEPLOYED message. Both clocks are this machine's wall clock, in milliseconds.
 *
 * <p><b>Deploy time</b>: the whole `creact deploy` process (bin/creact, as a user runs it), with no server,
 * with a server and no subscriber, and with a server and K subscribers, rounds interleaved; plus the CPU
 * the server used meanwhile (from /proc).
 *
 * <p>Usage: {@code SyncLatencyBench --creact BIN --work DIR [--size 1000] [--subscribers 1,100] [--latency-runs 3]
 * [--deploy-runs 5]}. Prints Markdown.
 */
public final class SyncLatencyBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path creact;
    private final Path project;
    private final int size;
    private int salt;
    private Process serve;
    private String ws;
    private String token;

    private SyncLatencyBench(Path creact, Path work, int size) {
        this.creact = creact;
        this.project = work.resolve("project");
        this.size = size;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        var bench = new SyncLatencyBench(Path.of(opts.get("--creact")), Path.of(opts.get("--work")),
                Integer.parseInt(opts.getOrDefault("--size", "1000")));
        int[] subscribers = Arrays.stream(opts.getOrDefault("--subscribers", "1,100").split(",")).mapToInt(Integer::parseInt).toArray();
        int latencyRuns = Integer.parseInt(opts.getOrDefault("--latency-runs", "3"));
        int deployRuns = Integer.parseInt(opts.getOrDefault("--deploy-runs", "5"));
        try {
            bench.run(subscribers, latencyRuns, deployRuns);
        } finally {
            bench.stopServe();
        }
    }

    private void run(int[] subscriberCounts, int latencyRuns, int deployRuns) throws Exception {
        Files.createDirectories(project);
        writeStack();
        log("first deploy of " + size + " resources (untimed)");
        deploy();
        startServe();

        System.out.println("### State write → message received, " + size + "-resource deploy (every resource updated)");
        System.out.println();
        System.out.println("| subscribers | runs | samples | median | p90 | p99 | max | of which write → server read, median / p99 | server read → received, median / p99 | last write → final DEPLOYED message, median (max) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int k : subscriberCounts) {
            var latencies = new ArrayList<Long>();
            var reads = new ArrayList<Long>();
            var fanouts = new ArrayList<Long>();
            var finals = new ArrayList<Long>();
            for (int r = 0; r < latencyRuns; r++) {
                measureLatency(k, latencies, reads, fanouts, finals);
            }
            long[] l = sorted(latencies);
            long[] rd = sorted(reads);
            long[] fo = sorted(fanouts);
            long[] f = sorted(finals);
            System.out.printf(Locale.ROOT, "| %d | %d | %,d | %d ms | %d ms | %d ms | %d ms | %d / %d ms | %d / %d ms | %d ms (%d ms) |%n", k,
                    latencyRuns, l.length, pct(l, 50), pct(l, 90), pct(l, 99), l[l.length - 1], pct(rd, 50), pct(rd, 99),
                    pct(fo, 50), pct(fo, 99), pct(f, 50), f[f.length - 1]);
        }
        System.out.println();

        if (deployRuns == 0) {
            return;
        }
        int k = Arrays.stream(subscriberCounts).max().orElse(100);
        System.out.println("### `creact deploy` of " + size + " resources (whole process), with and without " + k + " subscribers");
        System.out.println();
        var times = new HashMap<String, List<Long>>();
        var serverCpu = new HashMap<String, List<Long>>();
        String[] configs = {"no server", "server, 0 subscribers", "server, " + k + " subscribers"};
        for (int round = 0; round < deployRuns; round++) {
            for (int c = 0; c < configs.length; c++) {
                String config = configs[(c + round) % configs.length];
                List<Subscriber> clients = List.of();
                if (config.equals("no server")) {
                    stopServe();
                } else {
                    if (serve == null) {
                        startServe();
                    }
                    if (!config.contains(" 0 ")) {
                        clients = connect(k);
                    }
                }
                long cpuBefore = serveCpuMillis();
                salt++;
                writeStack();
                long t0 = System.nanoTime();
                deploy();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (!clients.isEmpty()) {
                    awaitFinal(clients, expectedSerial());
                }
                long cpu = serveCpuMillis() - cpuBefore;
                clients.forEach(Subscriber::close);
                times.computeIfAbsent(config, x -> new ArrayList<>()).add(ms);
                serverCpu.computeIfAbsent(config, x -> new ArrayList<>()).add(cpu);
                log(config + ": " + ms + " ms (server CPU " + cpu + " ms)");
            }
        }
        long base = median(times.get("no server"));
        System.out.println("| configuration | runs | median | min | max | vs no server | server CPU during the deploy, median |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (String config : configs) {
            var t = times.get(config);
            long m = median(t);
            System.out.printf(Locale.ROOT, "| %s | %d | %,d ms | %,d ms | %,d ms | %+.1f%% | %s |%n", config, t.size(), m,
                    t.stream().mapToLong(Long::longValue).min().orElseThrow(), t.stream().mapToLong(Long::longValue).max().orElseThrow(),
                    100.0 * (m - base) / base, config.equals("no server") ? "–" : median(serverCpu.get(config)) + " ms");
        }
        System.out.println();
    }

    /** One deploy with k subscribers: adds each resource's journal-write → received latency, per subscriber. */
    private void measureLatency(int k, List<Long> latencies, List<Long> reads, List<Long> fanouts, List<Long> finals) throws Exception {
        var clients = connect(k);
        salt++;
        writeStack();
        long serveCpu = serveCpuMillis();
        long ownCpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L);
        long start = System.currentTimeMillis();
        deploy();
        long expected = expectedSerial();
        awaitFinal(clients, expected);
        long elapsed = System.currentTimeMillis() - start;
        log(k + " subscribers: deploy and delivery " + elapsed + " ms; server CPU " + (serveCpuMillis() - serveCpu)
                + " ms, subscribers' JVM CPU " + (ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L) - ownCpu) + " ms");
        clients.forEach(Subscriber::close);
        Map<String, Long> written = new HashMap<>();
        String deploymentId = JSON.readTree(Files.readString(stackDir().resolve("deployment.json"))).path("deploymentId").asText();
        for (String line : Files.readAllLines(stackDir().resolve("journal.jsonl"))) {
            JsonNode j = JSON.readTree(line);
            if (j.path("event").asText().equals("result") && j.path("ok").asBoolean() && deploymentId.equals(j.path("deployment").asText())) {
                written.putIfAbsent(j.path("id").asText(), j.path("at").asLong());
            }
        }
        long lastWrite = Files.getLastModifiedTime(stackDir().resolve("deployment.json")).toMillis();
        for (var c : clients) {
            var seen = new HashMap<String, Long>();
            var readAt = new HashMap<String, Long>();
            long finalAt = -1;
            for (int i = 0; i < c.times.size(); i++) {
                if (c.times.get(i) < start) {
                    continue; // the snapshot sent on subscribing
                }
                JsonNode m = JSON.readTree(c.texts.get(i));
                long stamped = java.time.Instant.parse(m.path("timestamp").asText()).toEpochMilli();
                for (JsonNode r : m.path("resources")) {
                    if (r.path("status").asText().equals("DEPLOYED") && !m.path("full").asBoolean()
                            && seen.putIfAbsent(r.path("id").asText(), c.times.get(i)) == null) {
                        readAt.put(r.path("id").asText(), stamped);
                    }
                }
                if (finalAt < 0 && m.path("status").asText().equals("DEPLOYED") && m.path("stateSerial").asLong() >= expected) {
                    finalAt = c.times.get(i);
                }
            }
            for (var e : written.entrySet()) {
                Long got = seen.get(e.getKey());
                if (got == null) {
                    throw new IllegalStateException("a subscriber never saw " + e.getKey() + " deployed");
                }
                latencies.add(got - e.getValue());
                reads.add(readAt.get(e.getKey()) - e.getValue());
                fanouts.add(got - readAt.get(e.getKey()));
            }
            finals.add(finalAt - lastWrite);
        }
        log(k + " subscribers: " + written.size() + " resources × " + clients.size() + " subscribers measured");
    }

    private long expectedSerial() throws IOException {
        return JSON.readTree(Files.readString(stackDir().resolve("state.json"))).path("content").path("serial").asLong();
    }

    private Path stackDir() {
        return project.resolve(".creact/stacks/dev");
    }

    private void writeStack() throws IOException {
        var sb = new StringBuilder("import { useInstance } from \"creact\";\nimport { MockResource } from \"creact/mock\";\n"
                + "export default function App() {\n  const r = [];\n");
        for (int i = 0; i < size; i++) {
            sb.append("  r.push(useInstance(MockResource, { key: \"r").append(i).append("\", salt: ").append(salt)
                    .append(i >= 10 ? ", after: `${r[" + (i - 10) + "].outputs.id}`" : "").append(" }));\n");
        }
        sb.append("  return null;\n}\n");
        Files.writeString(project.resolve("infrastructure.tsx"), sb.toString());
    }

    private void deploy() throws Exception {
        var p = new ProcessBuilder(creact.toString(), "deploy", "--auto-approve", "--no-color", "--entry",
                project.resolve("infrastructure.tsx").toString())
                .redirectErrorStream(true).redirectOutput(project.resolve("deploy.log").toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("creact deploy failed: " + Files.readString(project.resolve("deploy.log")));
        }
    }

    private void startServe() throws Exception {
        serve = new ProcessBuilder(creact.toString(), "serve", "--port", "0", "--project", project.toString())
                .redirectErrorStream(true).redirectOutput(project.resolve("serve.log").toFile()).start();
        Path file = project.resolve(".creact/sync.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                try {
                    JsonNode doc = JSON.readTree(Files.readString(file));
                    if (doc.path("pid").asLong() == serve.pid()) {
                        ws = doc.path("ws").asText();
                        token = doc.path("token").asText();
                        return;
                    }
                } catch (IOException e) {
                    // being replaced
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("creact serve did not start: " + Files.readString(project.resolve("serve.log")));
    }

    private void stopServe() throws InterruptedException {
        if (serve != null) {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
            serve = null;
        }
    }

    /** CPU time (user + system) the server process used so far, from /proc (0 without a server). */
    private long serveCpuMillis() throws IOException {
        if (serve == null) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + serve.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    private List<Subscriber> connect(int k) throws Exception {
        var clients = new ArrayList<Subscriber>();
        for (int i = 0; i < k; i++) {
            clients.add(new Subscriber(ws, token));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (var c : clients) {
            while (c.count() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a subscriber got no snapshot within 60 s");
                }
                Thread.sleep(5);
            }
        }
        return clients;
    }

    private static void awaitFinal(List<Subscriber> clients, long stateSerial) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (var c : clients) {
            while (!c.sawFinal(stateSerial)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a subscriber did not get the final state within 120 s");
                }
                Thread.sleep(5);
            }
        }
    }

    /**
     * One WebSocket subscriber, as light as a client can be, so that what is measured is the server (100
     * subscribers of the JDK's HttpClient WebSocket cost three times the server's CPU on two cores): a plain
     * socket, the handshake written by hand, then a virtual thread that reads frames and keeps each text
     * message and its arrival time. Nothing is parsed while the deploy runs.
     */
    private static final class Subscriber {
        final List<Long> times = new ArrayList<>();
        final List<String> texts = new ArrayList<>();
        private final java.net.Socket socket;
        private int checked;

        Subscriber(String ws, String token) throws IOException {
            var uri = URI.create(ws);
            socket = new java.net.Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            var out = socket.getOutputStream();
            byte[] key = new byte[16];
            new java.security.SecureRandom().nextBytes(key);
            out.write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                    + java.util.Base64.getEncoder().encodeToString(key) + "\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
            var head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused: " + head);
            }
            byte[] subscribe = "{\"type\":\"subscribe\",\"stack\":\"dev\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(0x81);
            out.write(0x80 | subscribe.length);
            out.write(new byte[4]); // a zero mask: the payload goes as it is
            out.write(subscribe);
            out.flush();
            Thread.ofVirtual().start(() -> read(in));
        }

        private void read(java.io.DataInputStream in) {
            var message = new java.io.ByteArrayOutputStream();
            try {
                while (true) {
                    int b0 = in.readUnsignedByte();
                    int b1 = in.readUnsignedByte();
                    long len = b1 & 0x7f;
                    if (len == 126) {
                        len = in.readUnsignedShort();
                    } else if (len == 127) {
                        len = in.readLong();
                    }
                    byte[] payload = new byte[(int) len];
                    in.readFully(payload);
                    int opcode = b0 & 0x0f;
                    if (opcode == 8) {
                        return; // close
                    }
                    if (opcode == 9 || opcode == 10) {
                        continue; // ping (Jetty's are answered by nobody; the server does not insist) or pong
                    }
                    message.write(payload);
                    if ((b0 & 0x80) != 0) {
                        long now = System.currentTimeMillis();
                        String text = message.toString(java.nio.charset.StandardCharsets.UTF_8);
                        message.reset();
                        synchronized (this) {
                            times.add(now);
                            texts.add(text);
                        }
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        synchronized int count() {
            return texts.size();
        }

        /** Whether a message with status DEPLOYED at this state serial arrived (checks only new messages). */
        synchronized boolean sawFinal(long stateSerial) throws IOException {
            for (; checked < texts.size(); checked++) {
                String t = texts.get(checked);
                // Keys are sorted: the stack's own status is the one just before "timestamp" (a resource's precedes "type").
                if (t.contains("\"status\":\"DEPLOYED\",\"timestamp\"")) {
                    JsonNode m = JSON.readTree(t);
                    if (m.path("status").asText().equals("DEPLOYED") && m.path("stateSerial").asLong() >= stateSerial) {
                        checked++;
                        return true;
                    }
                }
            }
            return false;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // gone
            }
        }
    }

    private static long[] sorted(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long median(List<Long> values) {
        long[] s = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return s[(s.length - 1) / 2];
    }

    private static void log(String message) {
        System.err.println("sync-latency: " + message);
    }
}
