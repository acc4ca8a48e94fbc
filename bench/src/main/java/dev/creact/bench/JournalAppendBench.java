package dev.creact.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.backend.Backends;
import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.model.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The journal alone: ENTRIES appends (intent and result entries shaped as a deploy writes them) from
 * APPENDERS threads at once, as a deploy's parallel operations append, each append returning only once its
 * entry is stored; on the file backend and on the postgres backend (whose appends share commits), and on
 * postgres from one thread (every append a round trip and a commit of its own, serialised: what the group
 * commit avoids); and the same two with {@code "synchronousJournal": true} (a flush to disk per commit).
 * Prints a Markdown table.
 *
 * <pre>java -cp … dev.creact.bench.JournalAppendBench JDBC_URL [ENTRIES=2000] [APPENDERS=10] [RUNS=3]</pre>
 */
public final class JournalAppendBench {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int entries = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int appenders = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dir = Files.createTempDirectory("creact-journal-bench");
        var settings = Json.mapper().createObjectNode().put("type", "postgres").put("url", url).put("schema", "journal_bench");
        var synchronous = settings.deepCopy().put("synchronousJournal", true);
        System.out.println("| journal | appenders | entries | median ms | per entry µs | runs (ms) |");
        System.out.println("|---|---:|---:|---:|---:|---|");
        try (StateBackend file = Backends.open(dir, "file", null, null);
             StateBackend pg = Backends.open(dir, "postgres", settings, null);
             StateBackend pgSync = Backends.open(dir, "postgres", synchronous, null)) {
            row("file (a write() each, fsync every 100 ms)", file, appenders, entries, runs);
            row("postgres (group commit, asynchronous commit: the default)", pg, appenders, entries, runs);
            row("postgres, one appender (a round trip per entry, serialised)", pg, 1, entries, runs);
            row("postgres, \"synchronousJournal\": true (group commit, a flush per commit)", pgSync, appenders, entries, runs);
            row("postgres, \"synchronousJournal\": true, one appender (a flush per entry)", pgSync, 1, entries, runs);
        }
    }

    private static void row(String name, StateBackend backend, int appenders, int entries, int runs) throws Exception {
        run(backend, appenders, Math.min(entries, 200)); // warm-up
        var times = new ArrayList<Long>();
        for (int r = 0; r < runs; r++) {
            times.add(run(backend, appenders, entries));
        }
        var sorted = times.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        System.out.printf("| %s | %d | %d | %d | %.0f | %s |%n", name, appenders, entries, median,
                median * 1000.0 / entries, times);
    }

    private static long run(StateBackend backend, int appenders, int entries) throws Exception {
        var pool = Executors.newFixedThreadPool(appenders);
        try (var journal = backend.openJournal("bench", true)) {
            long start = System.nanoTime();
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < appenders; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = thread; i < entries; i += appenders) {
                        journal.append(entry(i));
                    }
                }));
            }
            for (var f : futures) {
                f.get();
            }
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ObjectNode entry(int i) {
        ObjectNode e = Json.mapper().createObjectNode().put("deployment", "3f0c2a9e-bench").put("event", i % 2 == 0 ? "intent" : "result")
                .put("id", "r" + (i / 2)).put("step", "create").put("type", "mock:Resource");
        if (i % 2 == 1) {
            e.put("ok", true).putObject("node").put("id", "r" + (i / 2)).putObject("outputs").put("id", "mock-" + i);
        }
        return e;
    }
}
