package dev.creact.bench;

import dev.creact.engine.api.Approval;
import dev.creact.engine.api.BuildInput;
import dev.creact.engine.api.CreactEngine;
import dev.creact.engine.api.DeployInput;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * What secrets cost a deploy (issue "Secrets and audit log", benchmark): {@code creact deploy} through the
 * engine of 1,000 MockResources (latency 0), of which 100 take a {@code secret()} prop, against the same
 * 1,000 without secrets, alternating in one process, each into a fresh project. With secrets the deploy
 * also reads the store (one key, AES-GCM opens), resolves 100 references, redacts the echoed outputs and
 * writes the audit entries; without, only the audit entries. Prints Markdown; options {@code --size 1000
 * --with-secrets 100 --runs 5 --warmup 2}.
 */
public final class SecretsOverheadBench {
    public static void main(String[] args) throws Exception {
        int size = 1000, withSecrets = 100, runs = 5, warmup = 2;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--with-secrets" -> withSecrets = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.setProperty("creact.encryptionKey", Base64.getEncoder().encodeToString(new byte[32]));
        var plain = new ArrayList<Long>();
        var secret = new ArrayList<Long>();
        try (var engine = new CreactEngine()) {
            for (int r = 0; r < warmup + runs; r++) {
                long a = deploy(engine, size, 0);
                long b = deploy(engine, size, withSecrets);
                System.err.printf(Locale.ROOT, "run %d: without %d ms, with %d ms%n", r + 1, a, b);
                if (r >= warmup) {
                    plain.add(a);
                    secret.add(b);
                }
            }
        }
        long p = median(plain), s = median(secret);
        System.out.printf(Locale.ROOT, "| deploy of %d MockResources | median of %d (after %d warm-up) | runs |%n", size, runs, warmup);
        System.out.println("|---|---:|---|");
        System.out.printf(Locale.ROOT, "| no secrets | %d ms | %s |%n", p, plain);
        System.out.printf(Locale.ROOT, "| %d of them with a secret() prop | %d ms | %s |%n", withSecrets, s, secret);
        System.out.printf(Locale.ROOT, "%nOverhead: %+.1f%% (target: under 10%%).%n", 100.0 * (s - p) / p);
    }

    private static long deploy(CreactEngine engine, int size, int withSecrets) throws Exception {
        Path dir = Files.createTempDirectory("creact-secrets-bench");
        var sb = new StringBuilder("import { useInstance, secret } from \"creact\";\nimport { MockResource } from \"creact/mock\";\n"
                + "export default function App() {\n");
        for (int i = 0; i < size; i++) {
            sb.append("  useInstance(MockResource, { key: \"r").append(i).append("\", n: ").append(i)
                    .append(i < withSecrets ? ", apiKey: secret(\"KEY_" + (i % 10) + "\")" : "").append(" });\n");
        }
        sb.append("  return null;\n}\n");
        Files.writeString(dir.resolve("infrastructure.tsx"), sb.toString());
        try (var project = engine.open(dir)) {
            var stack = project.stack("dev");
            for (int k = 0; k < 10 && withSecrets > 0; k++) {
                stack.secrets().set("KEY_" + k, "value-of-key-" + k + "-0123456789");
            }
            var input = new DeployInput(BuildInput.of(Path.of("infrastructure.tsx")), "bench", 64, 0, Duration.ofMillis(1));
            long start = System.nanoTime();
            var report = stack.deploy(input, Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (report.outcome() != DeployReport.Outcome.DEPLOYED) {
                throw new IllegalStateException("deploy " + report.outcome() + ": " + report.problems());
            }
            return ms;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static long median(List<Long> xs) {
        var s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
