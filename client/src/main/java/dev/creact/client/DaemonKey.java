package dev.creact.client;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which daemon may serve a client: the same creact build, the same working directory and the same
 * environment. The rule is deliberately the simplest correct one: a command reads its environment
 * (CREACT_*, NO_COLOR, CI, AWS_*, KUBECONFIG, DOCKER_HOST, TF_*...), relative paths resolve against the
 * working directory, and the tools creact starts (terraform, helm, external providers) inherit both; a
 * daemon therefore only ever serves clients whose working directory and environment are exactly its own.
 * A list of what to hash would miss the variable the next provider reads; hashing all of it cannot. The
 * few variables left out are ones shells change between prompts that nothing in creact or its tools reads.
 */
public record DaemonKey(String value) {
    /** Variables a shell changes on its own between two commands; nothing creact runs reads them. */
    static final Set<String> VOLATILE = Set.of("_", "SHLVL", "OLDPWD", "PWD", "TERM_SESSION_ID", "WINDOWID",
            "COLUMNS", "LINES");

    /** The key of a client with this class path (of the daemon to start), working directory and environment. */
    public static DaemonKey of(String daemonClassPath, Path cwd, Map<String, String> env) {
        var sha = sha256();
        update(sha, "protocol " + Frames.PROTOCOL_VERSION);
        update(sha, "build " + buildIdentity(daemonClassPath));
        update(sha, "cwd " + cwd.toAbsolutePath().normalize());
        for (var e : new TreeMap<>(env).entrySet()) {
            if (!VOLATILE.contains(e.getKey())) {
                update(sha, "env " + e.getKey() + "=" + e.getValue());
            }
        }
        return new DaemonKey(HexFormat.of().formatHex(sha.digest()));
    }

    /** The key of this process: its class path property, working directory and environment. */
    public static DaemonKey ofThisProcess() {
        return of(daemonClassPath(), Path.of("").toAbsolutePath(), System.getenv());
    }

    /** The class path a daemon for this process runs with: {@code creact.daemon.classpath}, else our own. */
    public static String daemonClassPath() {
        String cp = System.getProperty("creact.daemon.classpath");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** The short name of the daemon's files (socket, token, log) in the daemon folder. */
    public String name() {
        return value.substring(0, 24);
    }

    /**
     * The build's identity: path, size and modification time of every class path entry, and of the jars in a
     * {@code lib/} folder next to a jar (creact.jar's manifest class path). A rebuilt jar is another daemon.
     */
    public static String buildIdentity(String classPath) {
        var sb = new StringBuilder();
        for (var entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path p = Path.of(entry).toAbsolutePath().normalize();
            stamp(sb, p);
            if (entry.endsWith(".jar")) {
                Path lib = p.resolveSibling("lib");
                if (Files.isDirectory(lib)) {
                    try (var jars = Files.list(lib)) {
                        jars.sorted().forEach(j -> stamp(sb, j));
                    } catch (IOException e) {
                        sb.append(lib).append(" unreadable;");
                    }
                }
            }
        }
        return sb.toString();
    }

    private static void stamp(StringBuilder sb, Path p) {
        var f = p.toFile();
        sb.append(p).append(':').append(f.length()).append(':').append(f.lastModified()).append(';');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
