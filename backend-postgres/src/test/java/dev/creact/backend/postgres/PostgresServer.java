package dev.creact.backend.postgres;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: Debian's {@code postgresql} package's binaries
 * ({@code /usr/lib/postgresql/<version>/bin}, newest first, or the folder in {@code CREACT_PG_BIN}), a cluster
 * made with {@code initdb} in a fresh temporary folder, listening on 127.0.0.1 only on a free port, with a
 * password (scram-sha-256) for the user {@code creact}. PostgreSQL refuses to run as root, so under root
 * the server runs as the package's {@code postgres} user ({@code setpriv}). {@link #close} stops it and
 * deletes the folder; a JVM shutdown hook does so too if a test run is cut short.
 *
 * <p>Without the binaries the tests that need a server are skipped with the reason, unless
 * {@code CREACT_REQUIRE_POSTGRES=1} (as {@code scripts/test} sets after installing the package): then
 * they fail.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "creact";
    public static final String PASSWORD = "test-password-not-secret";
    public static final String DATABASE = "creact";

    private final Path bin;
    private final Path base;
    private final Path data;
    private final int port;
    private final String runAs;
    private final Thread cleanup;
    private Process server;

    private PostgresServer(Path bin) throws IOException, InterruptedException {
        this.bin = bin;
        this.runAs = isRoot() ? "postgres" : null;
        this.base = Files.createTempDirectory("creact-pg-");
        this.data = base.resolve("data");
        this.port = freePort();
        if (runAs != null) {
            UserPrincipalLookupService users = base.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(base, users.lookupPrincipalByName(runAs));
        }
        Path pwfile = base.resolve("pwfile");
        Files.writeString(pwfile, PASSWORD + "\n");
        own(pwfile);
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"), base.resolve("initdb.log"));
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = ''",
                "fsync = off",                    // tests never crash the machine; the benchmark keeps fsync on
                "full_page_writes = off",
                "max_connections = 200",
                "shared_buffers = 32MB",
                "log_min_messages = warning",
                ""), java.nio.file.StandardOpenOption.APPEND);
        this.cleanup = new Thread(this::destroy, "creact-pg-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        restart();
        try (var c = connect("postgres"); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IOException("cannot create the test database: " + e.getMessage(), e);
        }
    }

    /** Starts a new server, or skips the calling test (see the class comment) when PostgreSQL is not installed. */
    public static PostgresServer launch() {
        Path bin = findBinaries();
        if (bin == null) {
            String why = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres; scripts/install-postgres "
                    + "installs Debian's package, or set CREACT_PG_BIN)";
            if ("1".equals(System.getenv("CREACT_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort("skipped: " + why);
        }
        try {
            return new PostgresServer(bin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path findBinaries() {
        String configured = System.getenv("CREACT_PG_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured, "postgres"))) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres"))
                            && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString()))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name.replaceAll("[^0-9].*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the test database (no password in it). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER;
    }

    public Path logFile() {
        return base.resolve("server.log");
    }

    /** A connection to {@code database} as the test user. */
    public Connection connect(String database) throws SQLException {
        var p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
    }

    /** Starts the server (again, after {@link #stop}) on the same port and data, and waits until it accepts connections. */
    public synchronized void restart() throws IOException, InterruptedException {
        if (server != null && server.isAlive()) {
            return;
        }
        server = command(List.of(bin.resolve("postgres").toString(), "-D", data.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (var c = connect("postgres")) {
                return;
            } catch (SQLException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("PostgreSQL did not start: " + e.getMessage() + "\n" + tail(logFile()));
                }
                Thread.sleep(50);
            }
        }
    }

    /** Stops the server with a fast shutdown (open sessions are ended, as a restart by an operator does). */
    public synchronized void stop() throws IOException, InterruptedException {
        if (server == null || !server.isAlive()) {
            return;
        }
        new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).inheritIO().start().waitFor();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException ignored) {
            // shutting down already
        }
    }

    private synchronized void destroy() {
        try {
            stop();
        } catch (IOException | InterruptedException e) {
            if (server != null) {
                server.destroyForcibly();
            }
        }
        try (Stream<Path> walk = Files.walk(base)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind
        }
    }

    private ProcessBuilder command(List<String> args) {
        var full = new ArrayList<String>();
        if (runAs != null) {
            // exec (not fork) into the program as the unprivileged user, so the process we hold is the server
            full.addAll(List.of("setpriv", "--reuid=" + runAs, "--regid=" + runAs, "--init-groups", "--"));
        }
        full.addAll(args);
        var pb = new ProcessBuilder(full).directory(base.toFile());
        pb.environment().put("LC_ALL", "C");
        return pb;
    }

    private void run(List<String> args, Path log) throws IOException, InterruptedException {
        var p = command(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", args) + " failed:\n" + tail(log));
        }
    }

    private void own(Path file) throws IOException {
        if (runAs != null) {
            Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static boolean isRoot() {
        try {
            var p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
