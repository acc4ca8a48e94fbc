package dev.creact.engine.adapters;

import dev.creact.engine.model.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Deterministic ids")
class DeterministicIdsTest {
    private static String id(String source, String json) throws Exception {
        return DeterministicIds.generateDeterministicId(source, Json.mapper().readTree(json));
    }

    @Test
    @DisplayName("the same config written in another key order, at any depth, gives the same id")
    void keyOrder() throws Exception {
        String a = id("modules/net", "{\"cidr\":\"10.0.0.0/16\",\"tags\":{\"team\":\"a\",\"env\":\"prod\"},\"azs\":[\"a\",\"b\"]}");
        String b = id("modules/net", "{\"azs\":[\"a\",\"b\"],\"tags\":{\"env\":\"prod\",\"team\":\"a\"},\"cidr\":\"10.0.0.0/16\"}");
        assertEquals(a, b);
        assertTrue(a.matches("sha256:[0-9a-f]{64}"), a);
    }

    @Test
    @DisplayName("numbers are one number however they are written")
    void numbers() throws Exception {
        assertEquals(id("m", "{\"n\":2}"), id("m", "{\"n\":2.0}"));
        assertEquals(id("m", "{\"n\":0.5}"), id("m", "{\"n\":0.50}"));
        assertEquals("{\"a\":{\"b\":1,\"c\":2}}", Json.write(DeterministicIds.normalizeConfig(Json.mapper().readTree("{\"a\":{\"c\":2.0,\"b\":1}}"))));
    }

    @Test
    @DisplayName("a different value, list order or source gives a different id")
    void differences() throws Exception {
        String base = id("modules/net", "{\"azs\":[\"a\",\"b\"]}");
        assertNotEquals(base, id("modules/net", "{\"azs\":[\"b\",\"a\"]}"), "list order is meaningful");
        assertNotEquals(base, id("modules/net", "{\"azs\":[\"a\",\"c\"]}"));
        assertNotEquals(base, id("modules/dns", "{\"azs\":[\"a\",\"b\"]}"));
        assertNotEquals(id("m", "{\"n\":1}"), id("m", "{\"n\":\"1\"}"), "a string is not a number");
    }

    @Test
    @DisplayName("the same inputs give the same id every time: nothing depends on a clock or a random source")
    void repeatable() throws Exception {
        String first = id("modules/net", "{\"x\":1}");
        for (int i = 0; i < 100; i++) {
            assertEquals(first, id("modules/net", "{\"x\":1}"));
        }
    }
}
