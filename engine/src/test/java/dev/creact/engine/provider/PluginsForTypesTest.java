package dev.creact.engine.provider;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PluginsForTypesTest {
    private record Plugin(String name, Set<String> typePatterns) implements ProviderPlugin {
        @Override
        public String moduleSpecifier() {
            return "creact/" + name;
        }

        @Override
        public List<ConstructDeclaration> constructs() {
            return List.of();
        }

        @Override
        public String typeScriptDeclarations() {
            return "";
        }

        @Override
        public Provider open(ProviderContext context) {
            throw new AssertionError("not opened here");
        }
    }

    private static final Plugin MOCK = new Plugin("mock", Set.of("mock:*"));
    private static final Plugin LOCAL = new Plugin("local", Set.of("local:*"));
    private static final Plugin AWS = new Plugin("aws", Set.of("aws:s3:Bucket", "aws:sqs:Queue"));
    private static final List<ProviderPlugin> ALL = List.of(MOCK, LOCAL, AWS);

    @Test
    @DisplayName("a plan of mock resources needs the mock plugin only")
    void onlyTheMatchingPlugin() {
        assertEquals(List.of(MOCK), PluginsForTypes.choose(ALL, Set.of("mock:Resource")));
    }

    @Test
    @DisplayName("each type brings its plugins, in the plugins' order")
    void severalTypes() {
        assertEquals(List.of(LOCAL, AWS), PluginsForTypes.choose(ALL, Set.of("aws:sqs:Queue", "local:File")));
    }

    @Test
    @DisplayName("a type no plugin's patterns match needs every plugin (only an opened provider can claim it)")
    void unknownTypeOpensAll() {
        assertEquals(ALL, PluginsForTypes.choose(ALL, Set.of("mock:Resource", "aws:lambda:Function")));
    }

    @Test
    @DisplayName("no types, no plugins")
    void noTypes() {
        assertEquals(List.of(), PluginsForTypes.choose(ALL, Set.of()));
    }
}
