package dev.creact.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The usual places a JDK 25 is installed, tried after the setting, {@code JAVA_HOME} and the PATH. The same
 * list, in the same order, is in {@code scripts/java-env.sh} and the VS Code extension
 * ({@code LaunchRuleAgreementTest} compares them). A {@code *} or {@code [6-9]} matches within one folder
 * name; matches are tried in name order, as a shell glob expands them; {@code ~} is the home folder.
 */
public final class InstallFolders {
    public static final List<String> PATTERNS = List.of(
            "/usr/lib/jvm/temurin-25*",
            "/usr/lib/jvm/java-25*",
            "/usr/lib/jvm/jdk-25*",
            "/usr/lib/jvm/temurin-2[6-9]*",
            "/opt/java/openjdk",
            "/opt/jdk-25*",
            "~/.sdkman/candidates/java/25*",
            "/Library/Java/JavaVirtualMachines/*25*/Contents/Home");

    /** The folders above; none on Windows, where none of them exist. */
    public static final InstallFolders STANDARD = new InstallFolders(PATTERNS);

    private final List<String> patterns;

    /** Folders given as absolute glob patterns (tests use their own). */
    public InstallFolders(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The existing folders the patterns name, in order. */
    public List<Path> javaHomes(LaunchEnvironment env) {
        var homes = new ArrayList<Path>();
        if (env.windows()) {
            return homes;
        }
        for (String pattern : patterns) {
            Path p = Path.of(pattern.startsWith("~/") ? env.home() + pattern.substring(1) : pattern);
            if (p.getRoot() == null) {
                continue; // patterns are absolute; a relative one would depend on the editor's working folder
            }
            var segments = new ArrayList<String>();
            p.forEach(name -> segments.add(name.toString()));
            expand(p.getRoot(), segments, homes);
        }
        return homes;
    }

    private static void expand(Path dir, List<String> segments, List<Path> into) {
        if (segments.isEmpty()) {
            if (Files.isDirectory(dir)) {
                into.add(dir);
            }
            return;
        }
        String segment = segments.getFirst();
        List<String> rest = segments.subList(1, segments.size());
        if (!segment.contains("*") && !segment.contains("[")) {
            expand(dir.resolve(segment), rest, into);
            return;
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        var matches = new ArrayList<Path>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, segment)) {
            children.forEach(matches::add);
        } catch (IOException e) {
            return; // an unreadable folder holds no JDK we could run
        }
        matches.sort(null);
        for (Path match : matches) {
            expand(match, rest, into);
        }
    }
}
