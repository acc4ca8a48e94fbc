package dev.creact.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A plan saved with {@code creact plan --out FILE}, to be applied exactly by {@code creact deploy FILE}.
 * The file holds the plan (with the CloudDOM it leads to and the state serial it was made against) and a
 * SHA-256 checksum of it; a damaged file, or one made for another stack, is refused.
 */
public final class SavedPlan {
    public static final String KIND = "creact-plan";

    private SavedPlan() {
    }

    /** A saved plan that cannot be used, with the reason. */
    public static final class InvalidPlanFileException extends RuntimeException {
        public InvalidPlanFileException(String message) {
            super(message);
        }
    }

    public static void write(Path file, Plan plan) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("kind", KIND);
        doc.put("formatVersion", Plan.FORMAT_VERSION);
        doc.put("stack", plan.stack());
        JsonNode body = Json.tree(plan);
        doc.put("checksum", checksum(body));
        doc.set("plan", body);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                dev.creact.engine.security.PrivateFiles.createDirectories(parent);
            }
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, Json.writePretty(doc) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plan to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a saved plan for {@code stack}. */
    public static Plan read(Path file, String stack) {
        JsonNode doc;
        try {
            doc = Json.mapper().readTree(Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidPlanFileException("plan file " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidPlanFileException("plan file " + file + " is not a readable creact plan (damaged or truncated: "
                    + e.getMessage().lines().findFirst().orElse("") + "); make a new one with `creact plan --out " + file + "`");
        }
        if (doc == null || !KIND.equals(doc.path("kind").asText())) {
            throw new InvalidPlanFileException("file " + file + " is not a creact plan; make one with `creact plan --out FILE`");
        }
        int version = doc.path("formatVersion").asInt(-1);
        if (version > Plan.FORMAT_VERSION) {
            throw new InvalidPlanFileException("plan file " + file + " has format version " + version
                    + ", made by a newer creact; upgrade creact or make the plan again");
        }
        JsonNode body = doc.path("plan");
        if (!checksum(body).equals(doc.path("checksum").asText())) {
            throw new InvalidPlanFileException("plan file " + file
                    + " does not match its checksum (changed after it was made); make a new one with `creact plan --out "
                    + file + "`");
        }
        String planStack = doc.path("stack").asText();
        if (!planStack.equals(stack)) {
            throw new InvalidPlanFileException("plan file " + file + " was made for stack '" + planStack
                    + "', not '" + stack + "'; pass --stack " + planStack + " or make a new plan");
        }
        try {
            return Json.mapper().treeToValue(body, Plan.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidPlanFileException("plan file " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static String checksum(JsonNode body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
