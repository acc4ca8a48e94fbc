package dev.creact.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Something wrong with a user's input, said so that a person can act on it: what, where (file, line,
 * column), which resource, and what to do next.
 *
 * @param severity   error or warning
 * @param code       a short stable code such as {@code duplicate-id}, for tools and tests
 * @param message    one sentence
 * @param source     where it happened in the user's source, when known
 * @param resourceId the resource concerned, when there is one
 * @param related    other places involved (the first declaration of a duplicate id, the rest of a cycle)
 * @param hint       what to do next, when there is something to say
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(Severity severity, String code, String message, SourceSpan source, String resourceId,
                      List<SourceSpan> related, String hint) {

    public enum Severity { ERROR, WARNING }

    public Problem {
        related = List.copyOf(related == null ? List.of() : related);
    }

    public static Problem error(String code, String message, SourceSpan source, String resourceId, String hint) {
        return new Problem(Severity.ERROR, code, message, source, resourceId, List.of(), hint);
    }

    public static Problem warning(String code, String message, SourceSpan source, String resourceId, String hint) {
        return new Problem(Severity.WARNING, code, message, source, resourceId, List.of(), hint);
    }

    public Problem withRelated(List<SourceSpan> more) {
        return new Problem(severity, code, message, source, resourceId, more, hint);
    }

    /** {@code infrastructure.tsx:12:5: error [duplicate-id] resource 'a.b': ...} followed by the hint. */
    public String render() {
        var sb = new StringBuilder();
        if (source != null) {
            sb.append(source).append(": ");
        }
        sb.append(severity == Severity.ERROR ? "error" : "warning").append(" [").append(code).append("] ");
        if (resourceId != null) {
            sb.append("resource '").append(resourceId).append("': ");
        }
        sb.append(message);
        for (var r : related) {
            sb.append("\n  see also ").append(r);
        }
        if (hint != null && !hint.isBlank()) {
            sb.append("\n  hint: ").append(hint);
        }
        return sb.toString();
    }
}
