package dev.creact.bench;

import dev.creact.engine.api.Approval;
import dev.creact.engine.api.BuildInput;
import dev.creact.engine.api.CreactEngine;
import dev.creact.engine.api.DeployInput;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --objects} S3 objects (default 100) in one bucket on a local S3-compatible server (s3proxy over its
 * in-memory store, in this JVM, on a free loopback port), three ways, with the same parallelism
 * ({@code --parallelism}, default 10, creact's default):
 *
 * <ol>
 *   <li>bare: the AWS SDK for Java v2 with the provider's client settings (one Apache HTTP client, no SDK
 *       retries), {@code createBucket} then every {@code putObject} on a pool of that many threads;</li>
 *   <li>creact API: {@code Stack.deploy} of an {@code infrastructure.tsx} with one {@code S3Bucket} and the
 *       objects (each refers to the bucket's name) in a fresh project: render, plan, journal, provider calls,
 *       state writes and the re-plan; also the apply alone (first operation started to last finished);</li>
 *   <li>{@code creact deploy}: the whole CLI process ({@code bin/creact deploy --auto-approve}), JVM start
 *       included.</li>
 * </ol>
 *
 * Each run uses new bucket names. Prints Markdown on stdout; progress on stderr. Options: {@code --objects
 * --parallelism --runs 5 --warmup 2 --creact PATH} (the {@code bin/creact} to run; none: skip part 3).
 */
public final class S3ObjectsBench {
    private static final String ACCESS_KEY = "AKIACREACTBENCH00001";
    private static final String SECRET_KEY = "creact-bench-secret-not-real";

    private int objects = 100;
    private int parallelism = 10;
    private int runs = 5;
    private int warmup = 2;
    private Path creact;

    public static void main(String[] args) throws Exception {
        var bench = new S3ObjectsBench();
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--objects" -> bench.objects = Integer.parseInt(args[i + 1]);
                case "--parallelism" -> bench.parallelism = Integer.parseInt(args[i + 1]);
                case "--runs" -> bench.runs = Integer.parseInt(args[i + 1]);
                case "--warmup" -> bench.warmup = Integer.parseInt(args[i + 1]);
                case "--creact" -> bench.creact = Path.of(args[i + 1]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        bench.run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).jettyMaxThreads(64).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        var bare = new ArrayList<Long>();
        var api = new ArrayList<Long>();
        var apply = new ArrayList<Long>();
        var cli = new ArrayList<Long>();
        Path work = Files.createTempDirectory("creact-s3-bench-");
        try (var engine = new CreactEngine()) {
            for (int r = 0; r < warmup + runs; r++) {
                boolean counted = r >= warmup;
                long b = bare(endpoint, "bare-" + r);
                long[] c = viaApi(engine, endpoint, work.resolve("api-" + r), "api-" + r);
                Long p = creact == null ? null : viaCli(endpoint, work.resolve("cli-" + r), "cli-" + r);
                System.err.printf(Locale.ROOT, "S3ObjectsBench: run %d%s: bare %d ms, creact API %d ms (apply %d ms)%s%n", r + 1,
                        counted ? "" : " (warm-up)", b, c[0], c[1], p == null ? "" : ", creact deploy " + p + " ms");
                if (counted) {
                    bare.add(b);
                    api.add(c[0]);
                    apply.add(c[1]);
                    if (p != null) {
                        cli.add(p);
                    }
                }
            }
        } finally {
            proxy.stop();
        }
        long bareMedian = median(bare);
        System.out.printf(Locale.ROOT, "%d objects in one bucket (plus the bucket), parallelism %d, s3proxy %s on loopback; median of %d runs after %d warm-up%n%n",
                objects, parallelism, "4.1.0 (transient store)", runs, warmup);
        System.out.println("| way | median ms | all runs ms | vs bare SDK |");
        System.out.println("|---|---:|---|---:|");
        row("bare SDK calls (createBucket, then putObject on " + parallelism + " threads)", bare, bareMedian);
        row("creact, apply only (first provider call started to last finished)", apply, bareMedian);
        row("creact, Stack.deploy (render, plan, journal, calls, state, re-plan)", api, bareMedian);
        if (!cli.isEmpty()) {
            row("`creact deploy --auto-approve` (whole process, JVM start included)", cli, bareMedian);
        }
    }

    private static void row(String what, List<Long> values, long bare) {
        long median = median(values);
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.2f× |%n", what, median, values, (double) median / bare);
    }

    private static long median(List<Long> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The bare SDK calls: what the deploy must do at the least. */
    private long bare(URI endpoint, String bucket) throws Exception {
        try (var http = ApacheHttpClient.builder().maxConnections(64).build();
             var s3 = S3Client.builder().httpClient(http).region(Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true)
                     .credentialsProvider(DefaultCredentialsProvider.builder().build())
                     .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
             ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
            long start = System.nanoTime();
            s3.createBucket(b -> b.bucket(bucket));
            var futures = new ArrayList<Future<?>>();
            for (int i = 0; i < objects; i++) {
                String key = "objects/" + i + ".txt";
                String content = "object " + i;
                futures.add(pool.submit(() -> s3.putObject(p -> p.bucket(bucket).key(key).contentType("text/plain"),
                        RequestBody.fromString(content))));
            }
            for (var f : futures) {
                f.get();
            }
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    private void project(Path dir, URI endpoint, String bucket) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("creact.config.json"),
                "{\"providers\": {\"aws\": {\"region\": \"us-east-1\", \"endpoint\": \"" + endpoint + "\"}}}\n");
        var tsx = new StringBuilder("""
                import { useInstance } from "creact";
                import { S3Bucket, S3Object } from "creact/aws";

                export default function App() {
                  const bucket = useInstance(S3Bucket, { key: "bucket", bucket: "%s" });
                  for (let i = 0; i < %d; i++) {
                    useInstance(S3Object, { key: `object-${i}`, bucket: bucket.outputs.name, objectKey: `objects/${i}.txt`,
                      content: `object ${i}`, contentType: "text/plain" });
                  }
                  return null;
                }
                """.formatted(bucket, objects));
        Files.writeString(dir.resolve("infrastructure.tsx"), tsx);
    }

    /** [whole deploy call, apply from first operation started to last finished], in ms. */
    private long[] viaApi(CreactEngine engine, URI endpoint, Path dir, String bucket) throws IOException {
        project(dir, endpoint, bucket);
        var first = new AtomicLong(Long.MAX_VALUE);
        var last = new AtomicLong();
        try (var opened = engine.open(dir)) {
            long start = System.nanoTime();
            var report = opened.stack("dev").deploy(new DeployInput(BuildInput.of(Path.of("infrastructure.tsx")), "bench", parallelism, 3,
                    Duration.ofMillis(100)), Approval.ALWAYS, e -> {
                long now = System.nanoTime();
                if (e instanceof DeployEvent.OperationIntent) {
                    first.accumulateAndGet(now, Math::min);
                } else if (e instanceof DeployEvent.OperationResult) {
                    last.accumulateAndGet(now, Math::max);
                }
            }, CancellationToken.NONE);
            long whole = (System.nanoTime() - start) / 1_000_000;
            if (!report.ok() || report.state().byId().size() != objects + 1) {
                throw new IllegalStateException("creact deploy failed: " + report);
            }
            return new long[]{whole, (last.get() - first.get()) / 1_000_000};
        }
    }

    private long viaCli(URI endpoint, Path dir, String bucket) throws Exception {
        project(dir, endpoint, bucket);
        var pb = new ProcessBuilder(creact.toString(), "deploy", "--auto-approve", "--no-color", "--parallelism",
                Integer.toString(parallelism), "--project", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("deploy.log").toFile());
        pb.environment().put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        long start = System.nanoTime();
        int exit = pb.start().waitFor();
        long took = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException("creact deploy exited " + exit + ": " + Files.readString(dir.resolve("deploy.log")));
        }
        return took;
    }
}
