package dev.creact.cli.testplugin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.ConstructSchema;
import dev.creact.engine.model.ConstructSchema.PropSpec;
import dev.creact.engine.provider.ConstructDeclaration;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderContext;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ProviderPlugin;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider plugin that exists only in the CLI's test sources (registered by this source set's
 * META-INF/services): {@code echo:Message} resources, whose every call is a line in the file its setting
 * {@code log} names. With {@code withToken} a message also has a {@code token} output that the provider marks
 * sensitive (as a Terraform module's {@code sensitive = true} output is): {@link #token} of its text and id.
 * Nothing outside this file and its registration knows of it.
 */
public final class EchoPlugin implements ProviderPlugin {
    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "messages written to a log (a test plugin)";
    }

    @Override
    public String moduleSpecifier() {
        return "creact/echo";
    }

    @Override
    public List<ConstructDeclaration> constructs() {
        var props = new LinkedHashMap<String, PropSpec>();
        props.put("text", new PropSpec("string", true, false, true));
        props.put("withToken", new PropSpec("boolean", false, false, true));
        return List.of(new ConstructDeclaration("EchoMessage",
                new ConstructSchema("echo:Message", props, List.of("length", "token"), false, false), "A message, echoed."));
    }

    /** The sensitive output of a message made {@code withToken}: nothing in its props or id shows it. */
    public static String token(String id, String text) {
        return "s3cr3t-" + new StringBuilder(text).reverse() + "-" + id.length() * 7919;
    }

    @Override
    public String typeScriptDeclarations() {
        return "// creact/echo (test plugin)\nexport declare const EchoMessage: unknown;\n";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("log", "file (relative to the project) that records every call");
    }

    @Override
    public Provider open(ProviderContext context) {
        Path log = context.projectRoot().resolve(context.settings().path("log").asText("echo.log"));
        return new Provider() {
            @Override
            public String name() {
                return "echo";
            }

            @Override
            public java.util.Set<String> typePatterns() {
                return java.util.Set.of("echo:*");
            }

            private ResourceResult record(String op, ResourceRequest r) {
                try {
                    Files.writeString(log, op + " " + r.id() + " " + r.props().path("text").asText() + "\n",
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                ObjectNode outputs = r.props().objectNode().put("length", r.props().path("text").asText().length());
                if (r.props().path("withToken").asBoolean(false)) {
                    outputs.put("token", token(r.id(), r.props().path("text").asText()));
                    var data = r.props().objectNode();
                    data.putArray("sensitiveOutputs").add("token");
                    return new ResourceResult(outputs, data);
                }
                return new ResourceResult(outputs, null);
            }

            @Override
            public ResourceResult create(ResourceRequest request) throws ProviderException {
                return record("create", request);
            }

            @Override
            public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
                return Optional.of(new ResourceResult(request.outputs(), null));
            }

            @Override
            public ResourceResult update(ResourceRequest request) throws ProviderException {
                return record("update", request);
            }

            @Override
            public void delete(ResourceRequest request) throws ProviderException {
                record("delete", request);
            }
        };
    }
}
