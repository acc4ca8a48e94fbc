package dev.creact.engine.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.model.Json;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A stack's secrets, kept through its backend as the document {@code secrets.enc.json} (the file backend:
 * {@code .creact/stacks/<stack>/secrets.enc.json}, written atomically). Each value is sealed with
 * AES-256-GCM under a random 96-bit nonce, with the stack, the key name and the value's version as
 * associated data, so a value moved to another name or stack, or an edited version, fails to open. A
 * {@code check} entry sealed the same way tells a wrong key from a corrupt file before anything changes.
 *
 * <p>Names, versions and times are readable without the key ({@code list}, and the planner's "secret
 * changed"); values only with it. Every change is a read-modify-write under the backend's exclusive section
 * {@code secrets}, so two commands setting secrets at once both land.
 */
public final class SecretStore {
    public static final String DOCUMENT = "secrets.enc.json";
    static final String SECTION = "secrets";
    public static final Pattern NAME = Pattern.compile("[A-Z0-9_]+");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A secret as {@code list} shows it: never its value. */
    public record Entry(String name, String version, String created, String updated) {
    }

    private final StateBackend backend;
    private final String stack;

    public SecretStore(StateBackend backend, String stack) {
        this.backend = backend;
        this.stack = stack;
    }

    public String stack() {
        return stack;
    }

    /** Refuses a name that is not {@code [A-Z0-9_]+}. */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new SecretsException("invalid secret name '" + name + "': use upper-case letters, digits and '_' "
                    + "(for example API_KEY)");
        }
    }

    // ------------------------------------------------------------------ without the key

    /** Every secret's name and times, sorted by name. */
    public List<Entry> list() {
        var out = new ArrayList<Entry>();
        read().ifPresent(doc -> doc.path("secrets").properties().forEach(e -> out.add(entry(e.getKey(), e.getValue()))));
        out.sort(java.util.Comparator.comparing(Entry::name));
        return out;
    }

    /** Each secret's version (a random id that changes with its value): what a plan compares. */
    public Map<String, String> versions() {
        var out = new TreeMap<String, String>();
        list().forEach(e -> out.put(e.name(), e.version()));
        return out;
    }

    // ------------------------------------------------------------------ with the key

    /** The value of {@code name}, or empty when there is no such secret. */
    public Optional<String> get(String name, EncryptionKey key) {
        checkName(name);
        var doc = read();
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        SecretKeySpec aes = open(doc.get(), key);
        JsonNode sealed = doc.get().path("secrets").get(name);
        return sealed == null ? Optional.empty() : Optional.of(unseal(aes, name, sealed));
    }

    /** The values of {@code names} (each must exist), opened with one key derivation. */
    public Map<String, String> getAll(java.util.Collection<String> names, EncryptionKey key) {
        var doc = read().orElseThrow(() -> new SecretsException("stack " + stack + " has no secrets (missing: "
                + String.join(", ", new java.util.TreeSet<>(names)) + "); set them with `creact secrets set NAME --stack " + stack + "`"));
        SecretKeySpec aes = open(doc, key);
        var out = new TreeMap<String, String>();
        for (String name : names) {
            JsonNode sealed = doc.path("secrets").get(name);
            if (sealed == null) {
                throw new SecretsException("secret " + name + " is not set for stack " + stack
                        + "; set it with `creact secrets set " + name + " --stack " + stack + "`");
            }
            out.put(name, unseal(aes, name, sealed));
        }
        return out;
    }

    /** Sets {@code name}; its version changes only when its value does. */
    public Entry set(String name, String value, EncryptionKey key) {
        checkName(name);
        if (value == null) {
            throw new SecretsException("no value for secret " + name);
        }
        return backend.exclusive(stack, SECTION, () -> {
            ObjectNode doc = read().map(JsonNode::deepCopy).map(ObjectNode.class::cast).orElseGet(() -> fresh(key));
            SecretKeySpec aes = open(doc, key);
            ObjectNode secrets = doc.with("secrets");
            JsonNode old = secrets.get(name);
            String now = Instant.now().toString();
            if (old != null && unseal(aes, name, old).equals(value)) {
                return entry(name, old);
            }
            String created = old == null ? now : old.path("created").asText(now);
            secrets.set(name, seal(aes, name, newVersion(), value, created, now));
            write(doc);
            return entry(name, secrets.get(name));
        });
    }

    /** Deletes {@code name}; false when there was no such secret. The key is checked first: without it nothing changes. */
    public boolean delete(String name, EncryptionKey key) {
        checkName(name);
        return backend.exclusive(stack, SECTION, () -> {
            var found = read();
            if (found.isEmpty()) {
                return false;
            }
            ObjectNode doc = found.get().deepCopy();
            open(doc, key);
            if (doc.with("secrets").remove(name) == null) {
                return false;
            }
            write(doc);
            return true;
        });
    }

    /** Re-encrypts every secret under {@code next} (new nonces, new salt); returns how many. Versions stay. */
    public int rotate(EncryptionKey current, EncryptionKey next) {
        return backend.exclusive(stack, SECTION, () -> {
            var found = read();
            if (found.isEmpty()) {
                write(fresh(next));
                return 0;
            }
            ObjectNode doc = found.get();
            SecretKeySpec aes = open(doc, current);
            ObjectNode rotated = fresh(next);
            SecretKeySpec nextAes = open(rotated, next);
            ObjectNode secrets = rotated.with("secrets");
            int n = 0;
            for (var e : doc.path("secrets").properties()) {
                String value = unseal(aes, e.getKey(), e.getValue());
                secrets.set(e.getKey(), seal(nextAes, e.getKey(), e.getValue().path("version").asText(),
                        value, e.getValue().path("created").asText(), e.getValue().path("updated").asText()));
                n++;
            }
            write(rotated);
            return n;
        });
    }

    // ------------------------------------------------------------------ the document

    private Optional<ObjectNode> read() {
        var bytes = backend.readDocument(stack, DOCUMENT);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        JsonNode doc;
        try {
            doc = Json.mapper().readTree(bytes.get());
        } catch (java.io.IOException | RuntimeException e) {
            throw corrupt("it is not JSON");
        }
        if (doc == null || !doc.isObject() || doc.path("format").asInt() != 1 || !doc.path("check").isObject()
                || !doc.path("secrets").isObject()) {
            throw corrupt("it lacks its format, check or secrets");
        }
        for (var e : doc.path("secrets").properties()) {
            if (!NAME.matcher(e.getKey()).matches() || !e.getValue().path("nonce").isTextual()
                    || !e.getValue().path("ciphertext").isTextual() || !e.getValue().path("version").isTextual()) {
                throw corrupt("its entry '" + e.getKey() + "' is malformed");
            }
        }
        return Optional.of((ObjectNode) doc);
    }

    private SecretsException corrupt(String why) {
        return new SecretsException("cannot read the secrets of stack " + stack + ": " + DOCUMENT + " is corrupt (" + why
                + "); it was left as it is: restore it from a backup or your backend's history");
    }

    private void write(ObjectNode doc) {
        backend.writeDocument(stack, DOCUMENT, Json.writePretty(doc).getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode fresh(EncryptionKey key) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("format", 1);
        doc.put("stack", stack);
        doc.put("cipher", "AES-256-GCM");
        if (key.isPassphrase()) {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            ObjectNode kdf = doc.putObject("kdf");
            kdf.put("algorithm", EncryptionKey.KDF);
            kdf.put("iterations", EncryptionKey.PBKDF2_ITERATIONS);
            kdf.put("salt", Base64.getEncoder().encodeToString(salt));
        }
        SecretKeySpec aes = aesKey(doc, key);
        doc.set("check", seal(aes, "", "check", "creact", null, null));
        doc.putObject("secrets");
        return doc;
    }

    private SecretKeySpec aesKey(JsonNode doc, EncryptionKey key) {
        JsonNode kdf = doc.path("kdf");
        if (key.isPassphrase()) {
            if (!kdf.path("salt").isTextual()) {
                throw wrongKey();
            }
            byte[] salt = Base64.getDecoder().decode(kdf.path("salt").asText());
            int iterations = kdf.path("iterations").asInt(EncryptionKey.PBKDF2_ITERATIONS);
            if (iterations < EncryptionKey.PBKDF2_ITERATIONS) {
                throw corrupt("its key derivation has " + iterations + " iterations, fewer than " + EncryptionKey.PBKDF2_ITERATIONS);
            }
            return key.aesKey(salt, iterations);
        }
        return key.aesKey(null, 0);
    }

    /** The AES key of {@code doc}, checked against its {@code check} entry. */
    private SecretKeySpec open(JsonNode doc, EncryptionKey key) {
        SecretKeySpec aes = aesKey(doc, key);
        if (!"creact".equals(unseal(aes, "", doc.path("check")))) {
            throw wrongKey();
        }
        return aes;
    }

    private SecretsException wrongKey() {
        return new SecretsException("cannot decrypt: wrong " + EncryptionKey.ENV + " for stack " + stack
                + " (nothing was changed; the key that set its secrets is needed, or `creact secrets rotate-key` with it)");
    }

    private ObjectNode seal(SecretKeySpec aes, String name, String version, String value, String created, String updated) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(name, version));
            byte[] sealed = c.doFinal(value.getBytes(StandardCharsets.UTF_8));
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("version", version);
            o.put("nonce", Base64.getEncoder().encodeToString(nonce));
            o.put("ciphertext", Base64.getEncoder().encodeToString(sealed));
            if (created != null) {
                o.put("created", created);
            }
            if (updated != null) {
                o.put("updated", updated);
            }
            return o;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
        }
    }

    private String unseal(SecretKeySpec aes, String name, JsonNode sealed) {
        try {
            byte[] nonce = Base64.getDecoder().decode(sealed.path("nonce").asText());
            byte[] data = Base64.getDecoder().decode(sealed.path("ciphertext").asText());
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(name, sealed.path("version").asText()));
            return new String(c.doFinal(data), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            if (name.isEmpty()) {
                throw wrongKey();
            }
            throw corrupt("secret " + name + " does not authenticate under the key that opens the file");
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw corrupt((name.isEmpty() ? "its check" : "secret " + name) + " cannot be decoded");
        }
    }

    /** Binds a value to its stack, name and version. */
    private byte[] aad(String name, String version) {
        return ("creact-secret/1\u0000" + stack + "\u0000" + name + "\u0000" + version).getBytes(StandardCharsets.UTF_8);
    }

    private static String newVersion() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static Entry entry(String name, JsonNode o) {
        return new Entry(name, o.path("version").asText(), o.path("created").asText(null), o.path("updated").asText(null));
    }
}
