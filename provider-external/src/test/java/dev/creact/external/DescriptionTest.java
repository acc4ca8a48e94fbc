package dev.creact.external;

import dev.creact.engine.model.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DescriptionTest {
    private static Description parse(String json) throws Exception {
        return Description.parse("acme (node acme.js)", "acme", Json.mapper().readTree(json));
    }

    @Test
    void readsConstructsSchemasAndSettings() throws Exception {
        var d = parse("""
                {"description": "Widgets.", "settings": {"region": "where"},
                 "constructs": [{"name": "Widget", "description": "A widget.",
                   "props": {"size": {"type": "number", "required": true, "safe": true, "description": "How big."},
                             "color": "string", "token": {"type": "string", "sensitive": true}},
                   "outputs": ["serial"]}]}
                """);
        var widget = d.constructs().getFirst();
        assertEquals("acme:Widget", widget.type(), "the type defaults to <provider>:<name>");
        assertTrue(widget.schema().props().get("size").required());
        assertEquals("string", widget.schema().props().get("color").type(), "the short form of a prop");
        assertTrue(widget.schema().props().get("token").sensitive());
        assertFalse(widget.schema().additionalProps(), "unlisted props are refused unless the provider says otherwise");
        assertEquals("where", d.settings().get("region"));

        String ts = TypeScriptDeclarations.of("acme", "creact/acme", d);
        assertTrue(ts.contains("declare module \"creact/acme\""), ts);
        assertTrue(ts.contains("/** How big. */\n    size: number;"), ts);
        assertTrue(ts.contains("color?: string;"), ts);
        assertTrue(ts.contains("export const Widget: Construct<WidgetProps, WidgetOutputs>;"), ts);
    }

    @Test
    void wrongAnswersNameWhatIsWrong() {
        var prefix = assertThrows(IllegalArgumentException.class, () -> parse("""
                {"constructs": [{"name": "Widget", "type": "other:Widget"}]}"""));
        assertTrue(prefix.getMessage().contains("provider acme (node acme.js)") && prefix.getMessage().contains("'acme:'"),
                prefix.getMessage());
        var name = assertThrows(IllegalArgumentException.class, () -> parse("""
                {"constructs": [{"name": "widget"}]}"""));
        assertTrue(name.getMessage().contains("PascalCase"), name.getMessage());
        var own = assertThrows(IllegalArgumentException.class, () -> parse("""
                {"constructs": [], "settings": {"command": "x"}}"""));
        assertTrue(own.getMessage().contains("creact's own keys"), own.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("null"));
    }

    @Test
    void specKeepsCreactsKeysApartFromTheProvidersSettings() throws Exception {
        var entry = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree("""
                {"command": ["node", "acme.js"], "env": {"A": "1"}, "timeoutSeconds": 2.5, "region": "eu"}""");
        var spec = ExternalProviderSpec.parse(Path.of("/p"), "acme", entry);
        assertEquals(java.util.List.of("node", "acme.js"), spec.command());
        assertEquals(java.time.Duration.ofMillis(2500), spec.callTimeout());
        assertEquals("{\"region\":\"eu\"}", Json.mapper().writeValueAsString(spec.settings()));
        var bad = assertThrows(IllegalArgumentException.class, () -> ExternalProviderSpec.parse(Path.of("/p"), "acme",
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree("{\"command\": []}")));
        assertTrue(bad.getMessage().contains("providers.acme.command"), bad.getMessage());
    }
}
