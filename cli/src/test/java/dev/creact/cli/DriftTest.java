package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drift through the real CLI on examples/hello: files edited, deleted and a folder removed behind creact's back. */
@DisplayName("Drift: creact plan --refresh and creact refresh")
class DriftTest {
    @TempDir
    Path dir;

    @BeforeEach
    void deployed() throws Exception {
        TeardownTest.copyHello(dir);
        var deploy = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(0, deploy.exitCode(), deploy.all());
    }

    @Test
    @DisplayName("a file edited by hand: plan --refresh shows the drift and plans the content back; a plain plan does not read")
    void editedFile() throws Exception {
        Files.writeString(dir.resolve("out/prod/index.html"), "edited by hand");
        var plain = CreactProcess.run(dir, "plan", "--detailed-exitcode");
        assertEquals(0, plain.exitCode(), "without --refresh nothing is read:\n" + plain.all());
        var refresh = CreactProcess.run(dir, "plan", "--refresh", "--detailed-exitcode");
        assertEquals(2, refresh.exitCode(), refresh.all());
        assertTrue(refresh.all().contains("! drifted site.index: content changed outside creact"), refresh.all());
        assertTrue(refresh.all().contains("~ local:File site.index"), refresh.all());
        assertTrue(refresh.all().contains("content: \"edited by hand\" -> "), refresh.all());
        assertEquals("edited by hand", Files.readString(dir.resolve("out/prod/index.html")), "plan --refresh writes nothing");
    }

    @Test
    @DisplayName("a file deleted by hand no longer plans as \"No changes\": it is gone, and planned as a create")
    void deletedFile() throws Exception {
        Files.delete(dir.resolve("out/prod/index.html"));
        var refresh = CreactProcess.run(dir, "plan", "--refresh", "--json");
        assertEquals(0, refresh.exitCode(), refresh.all());
        JsonNode doc = Json.mapper().readTree(refresh.stdout());
        assertEquals("gone", doc.path("drift").get(0).path("kind").asText(), doc.toString());
        assertEquals("site.index", doc.path("drift").get(0).path("id").asText());
        assertEquals(1, doc.path("summary").path("create").asInt(), doc.toString());
        assertEquals("site.index", doc.path("changes").get(0).path("id").asText());
    }

    @Test
    @DisplayName("a folder removed by hand: the folder and the files in it are gone; creact refresh records it, deploy restores it")
    void removedFolder() throws Exception {
        try (var walk = Files.walk(dir.resolve("out/prod"))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        var refresh = CreactProcess.run(dir, "refresh", "--json");
        assertEquals(0, refresh.exitCode(), refresh.all());
        var gone = new ArrayList<String>();
        Json.mapper().readTree(refresh.stdout()).path("drift").forEach(d -> gone.add(d.path("message").asText()));
        assertEquals(List.of("! gone site.api.config: deleted outside creact", "! gone site.index: deleted outside creact",
                "! gone site.root: deleted outside creact", "! gone site.worker.config: deleted outside creact"),
                gone.stream().sorted().toList());
        var plan = CreactProcess.run(dir, "plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), "refresh wrote what it found, so a plain plan sees it:\n" + plan.all());
        assertTrue(plan.all().contains("Plan: 4 to create"), plan.all());
        var deploy = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(0, deploy.exitCode(), deploy.all());
        assertTrue(Files.exists(dir.resolve("out/prod/index.html")));
        var again = CreactProcess.run(dir, "plan", "--refresh", "--detailed-exitcode");
        assertEquals(0, again.exitCode(), again.all());
        assertFalse(again.all().contains("! "), again.all());
    }
}
