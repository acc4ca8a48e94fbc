package dev.creact.localcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local servers the multi-provider example deploys to, on one machine: S3 (s3proxy) and SQS (ElasticMQ),
 * a stub of Lambda's API ({@link LambdaStub}: it answers the API, runs no code) and a Kubernetes API
 * ({@link LocalKubernetes}: fabric8's mock server, no pods). Docker is not here: it is a real dockerd,
 * started by {@code scripts/local-cloud}, whose socket this is told with {@code --docker-host}.
 * <p>
 * It writes into its folder a {@code kubeconfig}, an {@code env} file with the keys s3proxy checks (for
 * {@code .}-sourcing: creact's AWS provider takes credentials from the SDK's default chain only) and the
 * {@code creact.config.json} that points every provider at these servers; with the default ports and folder
 * that file is the example's own {@code examples/multi-provider/creact.config.json}.
 */
public final class LocalCloud implements AutoCloseable {
    public static final Path DEFAULT_DIR = Path.of("/tmp/creact-local-cloud");
    public static final int DEFAULT_S3_PORT = 19000;
    public static final int DEFAULT_SQS_PORT = 19324;
    public static final int DEFAULT_LAMBDA_PORT = 19001;
    public static final int DEFAULT_KUBERNETES_PORT = 19443;
    public static final String REGION = "us-east-1";

    /** Where the servers listen and where the files go; a port of 0 is a free one. */
    public record Options(Path dir, int s3Port, int sqsPort, int lambdaPort, int kubernetesPort, String dockerHost) {
        public static Options defaults() {
            return new Options(DEFAULT_DIR, DEFAULT_S3_PORT, DEFAULT_SQS_PORT, DEFAULT_LAMBDA_PORT, DEFAULT_KUBERNETES_PORT,
                    "unix://" + DEFAULT_DIR.resolve("docker.sock"));
        }

        /** Free ports, files in {@code dir}, the given Docker daemon (null: none). */
        public static Options freePorts(Path dir, String dockerHost) {
            return new Options(dir, 0, 0, 0, 0, dockerHost);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Options options;
    private final LocalAwsServers aws;
    private final LambdaStub lambda;
    private final LocalKubernetes kubernetes;

    private LocalCloud(Options options, LocalAwsServers aws, LambdaStub lambda, LocalKubernetes kubernetes) {
        this.options = options;
        this.aws = aws;
        this.lambda = lambda;
        this.kubernetes = kubernetes;
    }

    /** Starts every server and writes the kubeconfig, env and creact.config.json into the folder. */
    public static LocalCloud start(Options options) throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            var aws = LocalAwsServers.start(options.s3Port(), options.sqsPort());
            started.add(aws);
            var lambda = new LambdaStub(options.lambdaPort());
            started.add(lambda);
            var kubernetes = LocalKubernetes.start(options.kubernetesPort()).markRollouts();
            started.add(kubernetes);
            var cloud = new LocalCloud(options, aws, lambda, kubernetes);
            cloud.writeFiles();
            return cloud;
        } catch (Exception e) {
            for (AutoCloseable c : started.reversed()) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    public LocalAwsServers aws() {
        return aws;
    }

    public LambdaStub lambda() {
        return lambda;
    }

    public LocalKubernetes kubernetes() {
        return kubernetes;
    }

    public Path kubeconfigFile() {
        return options.dir().resolve("kubeconfig");
    }

    /** {@code creact.config.json} pointing the aws, kubernetes and docker providers at these servers. */
    public String creactConfig() {
        return creactConfig(aws.s3Endpoint(), aws.sqsEndpoint(), lambda.endpoint(), kubeconfigFile(), options.dockerHost());
    }

    /**
     * The same for servers on the given options' ports, without starting them: what the runner writes with
     * these options (every port given, none 0).
     */
    public static String creactConfig(Options options) {
        return creactConfig(loopback(options.s3Port()), loopback(options.sqsPort()), loopback(options.lambdaPort()),
                options.dir().resolve("kubeconfig"), options.dockerHost());
    }

    private static URI loopback(int port) {
        if (port == 0) {
            throw new IllegalArgumentException("a free port is known only once the server listens");
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    private static String creactConfig(URI s3, URI sqs, URI lambda, Path kubeconfig, String dockerHost) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode providers = root.putObject("providers");
        ObjectNode awsSettings = providers.putObject("aws");
        awsSettings.put("region", REGION);
        ObjectNode endpoints = awsSettings.putObject("endpoints");
        endpoints.put("s3", s3.toString());
        endpoints.put("sqs", sqs.toString());
        endpoints.put("lambda", lambda.toString());
        ObjectNode k8s = providers.putObject("kubernetes");
        k8s.put("kubeconfig", kubeconfig.toString());
        k8s.put("context", "local-cloud");
        k8s.put("rolloutTimeoutSeconds", 60);
        if (dockerHost != null) {
            ObjectNode docker = providers.putObject("docker");
            docker.put("host", dockerHost);
            docker.put("stopTimeoutSeconds", 1);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Shell lines giving the AWS SDK the keys s3proxy checks and the region. */
    public static String env() {
        return "export AWS_ACCESS_KEY_ID=" + LocalAwsServers.ACCESS_KEY + "\n"
                + "export AWS_SECRET_ACCESS_KEY=" + LocalAwsServers.SECRET_KEY + "\n"
                + "export AWS_REGION=" + REGION + "\n";
    }

    private void writeFiles() throws IOException {
        Files.createDirectories(options.dir());
        kubernetes.writeKubeconfig(kubeconfigFile());
        Files.writeString(options.dir().resolve("env"), env());
        Files.writeString(options.dir().resolve("creact.config.json"), creactConfig());
    }

    void describe(PrintStream out) {
        out.println("local-cloud: S3 (s3proxy, in memory)        " + aws.s3Endpoint());
        out.println("local-cloud: SQS (ElasticMQ, in memory)     " + aws.sqsEndpoint());
        out.println("local-cloud: Lambda (a stub of the API; it runs no code) " + lambda.endpoint());
        out.println("local-cloud: Kubernetes (fabric8's mock API server; no pods, rollouts reported done) " + kubernetes.url());
        out.println("local-cloud: Docker " + (options.dockerHost() == null ? "(none given)" : options.dockerHost()));
        out.println("local-cloud: wrote " + kubeconfigFile() + ", " + options.dir().resolve("env") + " and "
                + options.dir().resolve("creact.config.json"));
        out.println("local-cloud: the AWS keys these servers check: . " + options.dir().resolve("env"));
    }

    @Override
    public void close() throws Exception {
        try {
            kubernetes.close();
        } finally {
            try {
                lambda.close();
            } finally {
                aws.close();
            }
        }
    }

    private static final String USAGE = """
            usage: local-cloud [--dir DIR] [--free-ports] [--s3-port N] [--sqs-port N] [--lambda-port N]
                               [--kubernetes-port N] [--docker-host unix:///path/docker.sock | --no-docker]
            Starts S3 (s3proxy), SQS (ElasticMQ), a Lambda API stub and a Kubernetes API (fabric8's mock) on
            127.0.0.1, writes DIR/kubeconfig, DIR/env and DIR/creact.config.json, and runs until interrupted.
            Defaults: DIR %s, ports %d, %d, %d, %d, Docker unix://DIR/docker.sock.
            """.formatted(DEFAULT_DIR, DEFAULT_S3_PORT, DEFAULT_SQS_PORT, DEFAULT_LAMBDA_PORT, DEFAULT_KUBERNETES_PORT);

    static Options parse(String... args) {
        Path dir = DEFAULT_DIR;
        int s3 = DEFAULT_S3_PORT;
        int sqs = DEFAULT_SQS_PORT;
        int lambda = DEFAULT_LAMBDA_PORT;
        int k8s = DEFAULT_KUBERNETES_PORT;
        String docker = null;
        boolean noDocker = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--dir" -> dir = Path.of(value(args, ++i, a));
                case "--free-ports" -> {
                    s3 = 0;
                    sqs = 0;
                    lambda = 0;
                    k8s = 0;
                }
                case "--s3-port" -> s3 = port(value(args, ++i, a), a);
                case "--sqs-port" -> sqs = port(value(args, ++i, a), a);
                case "--lambda-port" -> lambda = port(value(args, ++i, a), a);
                case "--kubernetes-port" -> k8s = port(value(args, ++i, a), a);
                case "--docker-host" -> docker = value(args, ++i, a);
                case "--no-docker" -> noDocker = true;
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'\n" + USAGE);
            }
        }
        dir = dir.toAbsolutePath();
        if (!noDocker && docker == null) {
            docker = "unix://" + dir.resolve("docker.sock");
        }
        return new Options(dir, s3, sqs, lambda, k8s, noDocker ? null : docker);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static int port(String text, String flag) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(flag + " must be a port number (0-65535), not '" + text + "'");
    }

    public static void main(String[] args) throws Exception {
        // s3proxy's and ElasticMQ's start-up lines would drown the endpoints; warnings and errors still show.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(USAGE);
            return;
        }
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local-cloud: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalCloud cloud;
        try {
            cloud = start(options);
        } catch (Exception e) {
            System.err.println("local-cloud: could not start: " + e.getMessage()
                    + " (a port taken? give others with --s3-port … or use --free-ports)");
            System.exit(1);
            return;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cloud.close();
            } catch (Exception e) {
                System.err.println("local-cloud: stopping: " + e);
            }
            stopped.countDown();
        }));
        cloud.describe(System.out);
        System.out.println("local-cloud: ready (Ctrl-C stops every server; their contents are in memory and go with them)");
        System.out.flush();
        stopped.await();
    }
}
