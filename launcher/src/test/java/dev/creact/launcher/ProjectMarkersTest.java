package dev.creact.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectMarkersTest {
    @TempDir
    Path project;

    private Path file(String relative) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "");
    }

    @Test
    @DisplayName("a component below infrastructure.tsx belongs to the stack")
    void belowEntry() throws IOException {
        file("stack/infrastructure.tsx");
        assertTrue(ProjectMarkers.belongsToCreactProject(file("stack/components/service.tsx"), project, ""));
    }

    @Test
    @DisplayName("creact.config.json or .js marks a project too")
    void config() throws IOException {
        file("a/creact.config.json");
        file("b/creact.config.js");
        assertTrue(ProjectMarkers.belongsToCreactProject(file("a/main.ts"), project, null));
        assertTrue(ProjectMarkers.belongsToCreactProject(file("b/main.ts"), project, null));
    }

    @Test
    @DisplayName("TypeScript beside a stack, not below it, does not belong to it")
    void sibling() throws IOException {
        file("stack/infrastructure.tsx");
        assertFalse(ProjectMarkers.belongsToCreactProject(file("web/src/app.tsx"), project, ""));
    }

    @Test
    @DisplayName("the search stops at the project folder")
    void stopsAtProject() throws IOException {
        file("infrastructure.tsx");
        Path inner = project.resolve("inner");
        assertFalse(ProjectMarkers.belongsToCreactProject(file("inner/src/app.ts"), inner, ""));
    }

    @Test
    @DisplayName("a configured entry with another name marks its folder")
    void configuredEntry() throws IOException {
        file("stack/main.tsx");
        assertTrue(ProjectMarkers.belongsToCreactProject(file("stack/lib.ts"), project, "stack/main.tsx"));
        assertFalse(ProjectMarkers.belongsToCreactProject(project.resolve("stack/lib.ts"), project, ""));
    }

    @Test
    @DisplayName("a project folder with a marker is a creact project")
    void projectFolder() throws IOException {
        assertFalse(ProjectMarkers.isCreactProject(project, ""));
        file("infrastructure.tsx");
        assertTrue(ProjectMarkers.isCreactProject(project, ""));
    }
}
