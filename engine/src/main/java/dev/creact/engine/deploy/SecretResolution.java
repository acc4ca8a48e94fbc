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
                k = key();
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

    /**
     * What a read found ({@code creact refresh}, a plan's refresh), as the state may keep it: an output the
     * stored resource has sealed, or the provider marks sensitive now, is a reference again: the stored one
     * when the value read is the value sealed (so a refresh neither makes a new version nor reports drift),
     * else a newly sealed one. Without a key a sealed output keeps its stored reference (the value read cannot
     * be compared, and must not land in the state); other values are redacted as a deploy's are. With
     * {@code mayWrite} false (a plan's refresh, which writes nothing) a value that would need sealing shows as
     * {@code (sensitive)} instead.
     */
    dev.creact.engine.provider.ResourceResult keepSealed(dev.creact.engine.model.Node stored,
                                                         dev.creact.engine.provider.ResourceResult found, boolean mayWrite) {
        if (store == null || found.outputs() == null) {
            return found;
        }
        var names = new java.util.TreeSet<String>();
        stored.outputs().properties().forEach(e -> {
            if (dev.creact.engine.model.SecretRef.is(e.getValue())
                    && dev.creact.engine.model.SecretRef.name(e.getValue()).startsWith(dev.creact.engine.model.SecretRef.OUTPUT_PREFIX)) {
                names.add(e.getKey());
            }
        });
        var listed = found.providerData() == null ? null : found.providerData().get("sensitiveOutputs");
        if (listed != null && listed.isArray()) {
            listed.forEach(n -> names.add(n.asText()));
        }
        if (names.isEmpty()) {
            return found;
        }
        ObjectNode kept = found.outputs().deepCopy();
        EncryptionKey k = null;
        try {
            k = key();
        } catch (SecretsException e) {
            // no key: sealed outputs keep their references below; unsealed ones stay as the provider said
        }
        for (String output : names) {
            var value = kept.get(output);
            if (value == null || value.isNull() || dev.creact.engine.model.SecretRef.is(value)) {
                continue;
            }
            String text = value.isTextual() ? value.asText() : value.toString();
            redactor.add(text);
            var before = stored.outputs().get(output);
            boolean wasSealed = dev.creact.engine.model.SecretRef.is(before);
            if (k == null) {
                if (wasSealed) {
                    kept.set(output, before);
                }
                continue;
            }
            if (wasSealed) {
                String name = dev.creact.engine.model.SecretRef.name(before);
                String sealed = opened.computeIfAbsent(name, n -> store.getAll(java.util.List.of(n), key).get(n));
                if (text.equals(sealed)) {
                    kept.set(output, before);
                    continue;
                }
            }
            if (!mayWrite) {
                // a plan's refresh writes nothing: the changed value shows as what it is, a sensitive one
                kept.put(output, dev.creact.engine.model.SensitiveOutputs.MASK);
                continue;
            }
            String name = SensitiveOutputNames.of(stored.id(), output);
            var entry = store.set(name, text, k);
            opened.put(name, text);
            ObjectNode ref = kept.objectNode();
            ref.put(dev.creact.engine.model.SecretRef.FIELD, name);
            ref.put(dev.creact.engine.model.SecretRef.VERSION, entry.version());
            kept.set(output, ref);
        }
        return new dev.creact.engine.provider.ResourceResult(redactor.redact(kept), redactor.redact(found.providerData()),
                found.observed() == null ? null : redactor.redact(found.observed()));
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
                store.getAll(missing, key()).forEach((n, v) -> {
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

    /** The stack's key, read from the environment the first time a secret is opened or sealed. */
    private synchronized EncryptionKey key() {
        if (key == null) {
            key = EncryptionKey.fromEnvironment(store.stack());
        }
        return key;
    }
}
