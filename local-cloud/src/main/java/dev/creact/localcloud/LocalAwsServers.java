package dev.creact.localcloud;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;

/**
 * Real S3- and SQS-compatible servers on loopback, started in this JVM on free (or given) ports and stopped
 * by {@link #close()}: s3proxy (from Maven Central, over its in-memory blob store, checking AWS Signature V4
 * with {@link #ACCESS_KEY}) and ElasticMQ (from Maven Central). The SDK talks to them over HTTP exactly as it
 * talks to AWS. Used by provider-aws's tests, the multi-provider example's test and {@link LocalCloud}.
 */
public final class LocalAwsServers implements AutoCloseable {
    /** The keys a client's default credential chain must find (environment or system properties) and s3proxy checks. */
    public static final String ACCESS_KEY = "AKIACREACTTEST000001";
    public static final String SECRET_KEY = "creact-test-secret-key-not-real";

    private final S3Proxy s3;
    private final SQSRestServer sqs;
    private final URI s3Endpoint;
    private final URI sqsEndpoint;

    private LocalAwsServers(S3Proxy s3, URI s3Endpoint, SQSRestServer sqs, URI sqsEndpoint) {
        this.s3 = s3;
        this.s3Endpoint = s3Endpoint;
        this.sqs = sqs;
        this.sqsEndpoint = sqsEndpoint;
    }

    /** Both servers on free ports. */
    public static LocalAwsServers start() throws Exception {
        return start(0, 0);
    }

    /** Both servers on these ports of 127.0.0.1 (0: a free one). */
    public static LocalAwsServers start(int s3PortWanted, int sqsPortWanted) throws Exception {
        useTestCredentials();
        int s3Port = s3PortWanted == 0 ? freePort() : s3PortWanted;
        URI s3Endpoint = URI.create("http://127.0.0.1:" + s3Port);
        S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(s3Endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long until = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("s3proxy did not start within 30 s: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        int sqsPort = sqsPortWanted == 0 ? freePort() : sqsPortWanted;
        SQSRestServer queues = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(sqsPort)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", sqsPort, "")).withAWSRegion("us-east-1").start();
        queues.waitUntilStarted();
        return new LocalAwsServers(proxy, s3Endpoint, queues, URI.create("http://127.0.0.1:" + sqsPort));
    }

    /** The SDK's default chain reads these system properties before anything on the machine. */
    public static void useTestCredentials() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    /** {@code creact.config.json} pointing the aws provider at these servers. */
    public String config() {
        return """
                {"providers": {"aws": {"region": "us-east-1", "endpoints": {"s3": "%s", "sqs": "%s"}}}}
                """.formatted(s3Endpoint, sqsEndpoint);
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            s3.stop();
        } finally {
            sqs.stopAndWait();
        }
    }
}
