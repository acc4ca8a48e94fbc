package dev.creact.engine.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.OutputRef;

import java.util.Locale;

/**
 * Whether an input value fits a declared type, in the words Terraform uses ({@code string}, {@code number},
 * {@code bool}, {@code list(...)}, {@code set(...)}, {@code tuple(...)}, {@code map(...)},
 * {@code object(...)}, {@code any}) and JSON Schema's ({@code boolean}, {@code integer}, {@code array}).
 * Only the outer kind is checked here; the tool checks the rest when it runs. A value that is a reference
 * to an output not known yet fits any type (it is checked once known). Terraform converts primitives into
 * each other ({@code "2"} is a number), so a string fits {@code number} and {@code bool} when it reads as one.
 */
public final class InputTypes {
    private InputTypes() {
    }

    /** Null when {@code value} fits {@code type}; else what it is, for a message ({@code "a string"}). */
    public static String mismatch(JsonNode value, String type) {
        if (value == null || value.isNull() || type == null) {
            return null;
        }
        if (value.isTextual() && !OutputRef.findIn(value.asText()).isEmpty()) {
            return null;
        }
        String kind = outer(type);
        boolean ok = switch (kind) {
            case "string" -> value.isValueNode();
            case "number", "integer" -> value.isNumber() || value.isTextual() && isNumber(value.asText());
            case "bool", "boolean" -> value.isBoolean() || value.isTextual() && (value.asText().equals("true")
                    || value.asText().equals("false"));
            case "list", "set", "tuple", "array" -> value.isArray();
            case "map", "object" -> value.isObject();
            default -> true;
        };
        return ok ? null : describe(value);
    }

    /** {@code list(object({...}))} → {@code list}. */
    public static String outer(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT);
        int paren = t.indexOf('(');
        return paren < 0 ? t : t.substring(0, paren).strip();
    }

    private static boolean isNumber(String text) {
        try {
            new java.math.BigDecimal(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "an object";
        }
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
