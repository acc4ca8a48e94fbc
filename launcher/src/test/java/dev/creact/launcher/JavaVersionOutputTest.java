package dev.creact.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JavaVersionOutputTest {

    @Test
    @DisplayName("the java.specification.version property gives the major version")
    void specificationProperty() {
        String out = "Property settings:\n    java.home = /opt/jdk\n    java.specification.version = 25\n\n"
                + "openjdk version \"25.0.1\" 2025-10-21\n";
        assertEquals(OptionalInt.of(25), JavaVersionOutput.majorVersion(out));
    }

    @Test
    @DisplayName("Java 8's 1.8 counts as 8, in the property and in the version line")
    void legacyNumbering() {
        assertEquals(OptionalInt.of(8), JavaVersionOutput.majorVersion("    java.specification.version = 1.8\n"));
        assertEquals(OptionalInt.of(8), JavaVersionOutput.majorVersion("java version \"1.8.0_351\"\n"));
    }

    @Test
    @DisplayName("without the property, the version line decides (early-access builds included)")
    void versionLine() {
        assertEquals(OptionalInt.of(17), JavaVersionOutput.majorVersion("openjdk version \"17.0.15\" 2025-04-15\n"));
        assertEquals(OptionalInt.of(26), JavaVersionOutput.majorVersion("openjdk version \"26-ea\" 2026-03-17\n"));
    }

    @Test
    @DisplayName("output that is not a Java's gives no version")
    void notJava() {
        assertEquals(OptionalInt.empty(), JavaVersionOutput.majorVersion("bash: java: command not found\n"));
    }
}
