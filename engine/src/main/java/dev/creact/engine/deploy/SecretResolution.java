package dev.creact.engine.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.security.EncryptionKey;
import dev.creact.engine.security.SecretRedactor;
import dev.creact.engine.security.SecretReferences;
import dev.creact.engine.security.SecretStore;
import dev.creact.engine.security.SecretsException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place a deployment turns secret references into values: for one provider call at a time, just
 * before it. The key is read from the environment the first time a reference is met (a stack without
 * secrets needs none), values are opened once per deployment, each resolution is told as a
 * {@link DeployEvent.SecretResolved} (name only), and every value goes to the {@link SecretRedactor} that
 * cleans what the provider hands back.
 */
final class SecretResolution {
    /** For deployments with no secret store (tests of the deployer alone). */
    static final SecretResolution NONE = new SecretResolution(null);

    private final SecretStore store;
    /** The outputs each construct type's schema declares sensitive (a provider may mark more at deploy time). */
    private final java.util.function.Function<String, java.util.Set<String>> declaredSensitive;
    private final SecretRedactor redactor = new SecretRedactor();
    private final Map<String, String> opened = new ConcurrentHashMap<>();
    private volatile EncryptionKey key;

    SecretResolution(SecretStore store) {
        this(store, type -> java.util.Set.of());
    }

    SecretResolution(SecretStore store, java.util.function.Function<String, java.util.Set<String>> declaredSensitive) {
        this.store = store;
        this.declaredSensitive = declaredSensitive;
    }

    SecretRedactor redactor() {
        return redactor;
    }

    /**
     * {@code outputs} as the state may keep them: each output the construct type's schema declares sensitive,
     * or the provider marks so (its data's {@code sensitiveOutputs}, see
     * {@link dev.creact.engine.model.SensitiveOutputs}), is sealed into the stack's
     * secret store under {@link SensitiveOutputNames#of} and replaced by a reference, which a dependent's provider
     * call resolves like any secret. Without a key the outputs stay as they are, with a warning: the resource
     * exists by now, and a deploy that forgot it would create it again.
     */
    ObjectNode keepSensitive(String resourceId, String type, ObjectNode outputs,
                             com.fasterxml.jackson.databind.JsonNode providerData, EventSink events) {
        var sensitive = new java.util.TreeSet<String>(declaredSensitive.apply(type));
        var listed = providerData == null ? null : providerData.get("sensitiveOutputs");
        if (listed != null && listed.isArray()) {
            listed.forEach(n -> sensitive.add(n.asText()));
        }
        if (store == null || outputs == null || sensitive.isEmpty()) {
            return outputs;
        }
        ObjectNode kept = outputs.deepCopy();
        for (String output : sensitive) {
            var value = kept.get(output);
            if (value == null || value.isNull() || dev.creact.engine.model.SecretRef.is(value)) {
                continue;
            }
            String text = value.isTextual() ? value.asText() : value.toString();
            EncryptionKey k;
            try {
                synchronized (this) {
                    if (key == null) {
                        key = EncryptionKey.fromEnvironment(store.stack());
                    }
                    k = key;
                }
            } catch (SecretsException e) {
                events.on(new DeployEvent.Note(events.stack(), "warning: output '" + output + "' of " + resourceId
                        + " is marked sensitive but is kept in the state unencrypted: " + e.getMessage(), DeployEvent.now()));
                continue;
            }
            String name = SensitiveOutputNames.of(resourceId, output);
            var entry = store.set(name, text, k);
            redactor.add(text);
            opened.put(name, text);
            ObjectNode ref = kept.objectNode();
            ref.put(dev.creact.engine.model.SecretRef.FIELD, name);
            ref.put(dev.creact.engine.model.SecretRef.VERSION, entry.version());
            kept.set(output, ref);
        }
        return kept;
    }

    /** {@code props} as the provider must see them (values in place of references); {@code props} itself when it has none. */
    ObjectNode forProvider(String resourceId, ObjectNode props, EventSink events, String deploymentId) {
        var names = SecretReferences.names(props);
        if (names.isEmpty()) {
            return props;
        }
        if (store == null) {
            throw new SecretsException("resource '" + resourceId + "' refers to secrets but this deployment has no secret store");
        }
        var missing = names.stream().filter(n -> !opened.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            synchronized (this) {
                if (key == null) {
                    key = EncryptionKey.fromEnvironment(store.stack());
                }
                store.getAll(missing, key).forEach((n, v) -> {
                    redactor.add(v);
                    opened.put(n, v);
                });
            }
        }
        for (String n : names) {
            events.on(new DeployEvent.SecretResolved(events.stack(), deploymentId, resourceId, n, DeployEvent.now()));
        }
        return SecretReferences.substitute(props, opened);
    }
}
