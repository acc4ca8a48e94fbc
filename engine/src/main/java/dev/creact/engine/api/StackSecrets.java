package dev.creact.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.security.AuditLog;
import dev.creact.engine.security.AuditRecorder;
import dev.creact.engine.security.EncryptionKey;
import dev.creact.engine.security.SecretStore;
import dev.creact.engine.security.SecretsException;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A stack's secrets ({@code creact secrets …}): kept encrypted through the stack's backend, the key from
 * {@code CREACT_ENCRYPTION_KEY}. Every set, get, delete and rotation is an audit entry naming the key
 * only, whether it worked or not. Failures are {@link CreactException}s whose messages never hold a value.
 */
public final class StackSecrets {
    private final Stack stack;
    private final SecretStore store;

    StackSecrets(Stack stack) {
        this.stack = stack;
        this.store = new SecretStore(stack.project().container().backend(), stack.name());
    }

    /** Names and times, sorted by name; needs no key. */
    public List<SecretInfo> list() {
        return guarded(() -> store.list().stream().map(StackSecrets::info).toList());
    }

    /** Sets {@code name} to {@code value} (its version changes only if the value does). */
    public SecretInfo set(String name, String value) {
        return audited("secret-set", name, () -> info(store.set(name, value, key())));
    }

    /** The value of {@code name}; empty when it is not set. */
    public Optional<String> get(String name) {
        return audited("secret-get", name, () -> store.get(name, key()));
    }

    /** Deletes {@code name}; false when it was not set. */
    public boolean delete(String name) {
        return audited("secret-delete", name, () -> store.delete(name, key()));
    }

    /** Re-encrypts every secret under {@code newKey} (then {@code CREACT_ENCRYPTION_KEY} must be it); returns how many. */
    public int rotateKey(String newKey) {
        return audited("secret-rotate", null, () -> store.rotate(key(), EncryptionKey.of(newKey)));
    }

    private EncryptionKey key() {
        return EncryptionKey.fromEnvironment(stack.name());
    }

    private <T> T audited(String action, String name, Supplier<T> body) {
        String error = null;
        try {
            return guarded(body);
        } catch (CreactException e) {
            error = e.problem().message();
            throw e;
        } finally {
            record(action, name, error);
        }
    }

    private void record(String action, String name, String error) {
        var config = stack.project().config();
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("action", action);
        e.put("status", error == null ? "ok" : "failed");
        e.put("user", AuditRecorder.user(config.audit().user()));
        e.put("host", dev.creact.engine.backend.FileLocks.hostName());
        if (name != null) {
            e.put("key", name);
        }
        if (error != null) {
            e.put("error", error);
        }
        stack.audit().log(config).append(e);
    }

    private static <T> T guarded(Supplier<T> body) {
        try {
            return body.get();
        } catch (SecretsException e) {
            throw new CreactException("secrets", e.getMessage(), null);
        }
    }

    private static SecretInfo info(SecretStore.Entry e) {
        return new SecretInfo(e.name(), e.version(), e.created(), e.updated());
    }

}
