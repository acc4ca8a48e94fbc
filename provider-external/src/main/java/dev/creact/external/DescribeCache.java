package dev.creact.external;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.ProviderException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code describe} answers of provider programs, kept for the life of the process: a language server
 * opens a project many times (every configuration change) and must not start a program each time. An
 * answer is kept by the program's command, environment and folder, and by the size and modification time
 * of the files its command names and of the files beside them (the provider's code): editing the provider
 * asks it again.
 */
final class DescribeCache {
    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, JsonNode> ANSWERS = new ConcurrentHashMap<>();

    private DescribeCache() {
    }

    /** The program's answer to {@code describe}, asked now unless its files are as they were last time. */
    static JsonNode describe(ExternalProviderSpec spec) {
        String key = fingerprint(spec);
        var known = ANSWERS.get(key);
        if (known != null) {
            return known;
        }
        JsonNode answer;
        try (var process = ProviderProcess.start(spec)) {
            var params = Json.mapper().createObjectNode();
            params.put("protocolVersion", ExternalProvider.PROTOCOL_VERSION);
            params.put("name", spec.name());
            answer = process.call("describe", params, min(spec.callTimeout(), DESCRIBE_TIMEOUT), "describing itself",
                    null, null, () -> false);
        } catch (ProviderException e) {
            throw new IllegalArgumentException("creact.config: provider '" + spec.name() + "' cannot describe itself: "
                    + e.getMessage());
        }
        ANSWERS.put(key, answer);
        return answer;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String fingerprint(ExternalProviderSpec spec) {
        var parts = new ArrayList<String>(List.of(spec.projectRoot().toString(), spec.name(), String.join("\u0000", spec.command()),
                new java.util.TreeMap<>(spec.env()).toString()));
        for (String arg : spec.command()) {
            Path file = spec.projectRoot().resolve(arg);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            parts.add(stamp(file));
            try (var beside = Files.list(file.toAbsolutePath().getParent())) {
                beside.filter(Files::isRegularFile).sorted().forEach(f -> parts.add(stamp(f)));
            } catch (IOException e) {
                parts.add("unlisted");
            }
        }
        return String.join("\n", parts);
    }

    private static String stamp(Path file) {
        try {
            return file + "@" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return file + "@gone";
        }
    }
}
