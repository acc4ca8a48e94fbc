package dev.creact.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LSP4IJ user-defined server template (intellij-plugin/lsp4ij-template) has what LSP4IJ's template import
 * reads, and settings the server knows. (server/src/test/node/lsp4ij-template.test.mjs starts its command.)
 */
class Lsp4ijTemplateTest {
    private static final Path TEMPLATE = Repository.root().resolve("intellij-plugin/lsp4ij-template");
    /** The settings the server reads (ServerSettings), and the one it reads at start only. */
    private static final Set<String> SERVER_SETTINGS = Set.of("stack", "entry", "configPath", "evalTimeoutMs");
    private static final Set<String> START_OPTIONS = Set.of("stack", "entry", "configPath", "evalTimeoutMs", "devMode");

    private static JsonNode read(String name) throws IOException {
        return new ObjectMapper().readTree(TEMPLATE.resolve(name).toFile());
    }

    private static List<String> fields(JsonNode object) {
        var names = new ArrayList<String>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    @DisplayName("template.json has the name and default command LSP4IJ requires, and maps *.tsx and *.ts")
    void template() throws IOException {
        JsonNode t = read("template.json");
        assertEquals("creact", t.path("id").asText());
        assertTrue(t.path("name").isTextual(), "name");
        assertTrue(t.path("programArgs").path("default").isTextual(), "programArgs.default");
        var mappings = new ArrayList<String>();
        for (JsonNode m : t.path("fileTypeMappings")) {
            mappings.add(m.path("fileType").path("patterns").get(0).asText() + " -> " + m.path("languageId").asText());
        }
        assertEquals(List.of("*.tsx -> typescriptreact", "*.ts -> typescript"), mappings);
    }

    @Test
    @DisplayName("its command is `creact lsp`, the command this repository's bin/creact is")
    void command() throws IOException {
        List<String> words = List.of(read("template.json").path("programArgs").path("default").asText().split(" "));
        assertEquals(List.of("creact", "lsp", "--stdio"), words);
        assertTrue(Files.isExecutable(Repository.root().resolve("bin/creact")));
    }

    @Test
    @DisplayName("settings.json holds server settings under creact; initializationOptions.json only start options")
    void settings() throws IOException {
        JsonNode settings = read("settings.json");
        assertEquals(List.of("creact"), fields(settings));
        assertTrue(SERVER_SETTINGS.containsAll(fields(settings.path("creact"))), fields(settings.path("creact")).toString());
        assertTrue(START_OPTIONS.containsAll(fields(read("initializationOptions.json"))));
        assertTrue(read("initializationOptions.json").path("devMode").isBoolean());
    }

    @Test
    @DisplayName("a README.md explains it (LSP4IJ shows it behind the template's help icon)")
    void readme() throws IOException {
        String readme = Files.readString(TEMPLATE.resolve("README.md"));
        assertTrue(readme.contains("Import from custom template"), "how to import it");
    }
}
