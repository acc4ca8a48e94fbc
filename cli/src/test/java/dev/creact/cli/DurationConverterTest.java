package dev.creact.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("--lock-timeout durations, written as terraform's")
class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    @DisplayName("units ms, s, m and h, alone or combined; 0 is none")
    void units() {
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(30), converter.convert("30s"));
        assertEquals(Duration.ofMinutes(5), converter.convert("5m"));
        assertEquals(Duration.ofMinutes(90), converter.convert("1h30m"));
        assertEquals(Duration.ZERO, converter.convert("0"));
    }

    @Test
    @DisplayName("anything else is refused with the forms that work")
    void refused() {
        for (String bad : new String[]{"30", "5x", "", "m", "1.5m", "-3s"}) {
            var e = assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert(bad), bad);
            assertTrue(e.getMessage().contains("30s, 5m, 1h30m"), e.getMessage());
        }
    }
}
