package dev.creact.engine.js;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns what stopped or broke an evaluation into a {@link JsEvaluationException} in the user's own
 * coordinates: which limit stopped it and in which component, a source limit or syntax error from the
 * loader, an unresolved import at the line that imports it, an allocation the sandbox refused, a reach
 * for the host (sandbox) or an ordinary runtime error with its component stack. The host only runs code;
 * this class alone knows how GraalJS reports failures.
 */
final class GuestErrors {
    private static final Pattern HOST_REACH = Pattern.compile(
            "\\b(require|process|fetch|Java|Packages|java|javax|XMLHttpRequest|Deno|Bun|module|__dirname|load|Polyglot)\\b is not defined"
                    + "|Access to host class|not allowed|Operation is not allowed");

    private GuestErrors() {
    }

    static JsEvaluationException stopped(EvaluationMeter.Stop stop, ProjectFileSystem fs, Throwable cause) {
        String message = stop.reason() + switch (stop.kind()) {
            case TIMEOUT -> ": a component runs too long (an endless loop?)";
            case MEMORY -> ": a component uses too much memory";
            default -> "";
        };
        Path transpiling = fs.stoppedWhileTranspiling();
        if (transpiling != null && stop.kind() != JsEvaluationException.Kind.CANCELLED) {
            message = stop.reason() + ", while transpiling " + transpiling
                    + " (the file is too large or nests too deeply to transpile in time)";
            return new JsEvaluationException(stop.kind(), message, transpiling.toString(), 1, 1, List.of(), Map.of(), cause);
        }
        return new JsEvaluationException(stop.kind(), message, null, 0, 0, List.of(), Map.of(), cause);
    }

    /**
     * The components being rendered when an evaluation was stopped, innermost first, each at the place
     * its function is defined. An interrupt unwinds without running the runtime's cleanup, so its
     * component stack still shows where rendering was; this reads it from the (still open) context.
     */
    private static List<Frame> runningComponents(JsSession session, ProjectFileSystem fs) {
        var out = new ArrayList<Frame>();
        Value probe = session.runningComponents();
        if (probe == null) {
            return out;
        }
        try {
            Value list = probe.execute();
            for (long i = list.getArraySize() - 1; i >= 0; i--) {
                Value fn = list.getArrayElement(i);
                var loc = fn.getSourceLocation();
                if (loc == null) {
                    continue;
                }
                var src = loc.getSource();
                String path = src.getPath() != null ? src.getPath() : src.getName();
                String name = fn.hasMember("name") && fn.getMember("name").isString() ? fn.getMember("name").asString() : "";
                out.add(mapFrame(fs, name, path, loc.getStartLine(), loc.getStartColumn()));
            }
        } catch (RuntimeException ignored) {
            // the context was closed (the code did not stop in time): no location
        }
        return out;
    }

    static JsEvaluationException translate(PolyglotException e, JsSession session, ProjectFileSystem fs,
                                            EvaluationMeter.Stop stop, SandboxLimits limits) {
        var frames = userFrames(e, fs);
        if (stop == null && e.isResourceExhausted() && !isStackOverflow(e)) {
            stop = new EvaluationMeter.Stop(JsEvaluationException.Kind.MEMORY, "memory limit: the evaluation ran out "
                    + "of Java heap (" + (Runtime.getRuntime().maxMemory() >> 20) + " MiB for the whole process)");
        }
        if (stop != null || e.isCancelled() || e.isInterrupted()) {
            if (stop == null) {
                stop = new EvaluationMeter.Stop(JsEvaluationException.Kind.CANCELLED, "evaluation cancelled");
            }
            var kind = stop.kind();
            var base = stopped(stop, fs, e);
            if (base.path() != null) {
                return base;
            }
            String message = base.getMessage();
            if (frames.isEmpty() && kind != JsEvaluationException.Kind.CANCELLED) {
                frames = runningComponents(session, fs);
                if (!frames.isEmpty()) {
                    message += ", while rendering component " + frames.getFirst().name();
                }
            }
            var top = frames.isEmpty() ? null : frames.getFirst();
            return new JsEvaluationException(kind, message, top == null ? null : top.path,
                    top == null ? 0 : top.line, top == null ? 0 : top.column,
                    frames.stream().map(Frame::toString).toList(), Map.of(), e);
        }
        var limit = fs.sourceLimit();
        if (limit == null && frames.isEmpty() && e.isResourceExhausted() && isStackOverflow(e)
                && !fs.loadOrder().isEmpty()) {
            // No JavaScript frame: the overflow is GraalJS's parser on the module it was given last.
            Path parsing = fs.loadOrder().getLast();
            limit = new SourceLimitException(SourceLimitException.NESTING, parsing.toString(), 1, 1,
                    "the JavaScript parser ran out of stack in " + parsing + ": an expression nests too deeply",
                    "look for a chain of thousands of operators, calls or member accesses (generated code?) and "
                            + "split it into statements");
        }
        if (limit != null) {
            return new JsEvaluationException(JsEvaluationException.Kind.SOURCE_LIMIT, limit.getMessage(), limit.path(),
                    limit.line(), limit.column(), List.of(),
                    Map.of("code", limit.code(), "hint", limit.hint()), e);
        }
        var syntax = fs.syntaxError();
        if (syntax != null) {
            return new JsEvaluationException(JsEvaluationException.Kind.SYNTAX, syntax.detail(), syntax.path(),
                    syntax.line(), syntax.column(), List.of(), Map.of(), e);
        }
        var unresolved = fs.unresolvedImports();
        if (!unresolved.isEmpty()) {
            var first = unresolved.entrySet().iterator().next();
            var place = findImport(fs, first.getKey());
            return new JsEvaluationException(JsEvaluationException.Kind.IMPORT,
                    "cannot resolve import '" + place.specifier + "': " + first.getValue(),
                    place.path, place.line, place.column, List.of(), Map.of(), e);
        }
        if (e.isSyntaxError() && e.getSourceLocation() != null) {
            var loc = e.getSourceLocation();
            var f = mapFrame(fs, "", loc.getSource().getPath() != null ? loc.getSource().getPath() : loc.getSource().getName(),
                    loc.getStartLine(), loc.getStartColumn());
            return new JsEvaluationException(JsEvaluationException.Kind.SYNTAX,
                    SyntaxMessages.safe(f.path == null ? null : Path.of(f.path), e.getMessage()), f.path, f.line,
                    f.column, List.of(), Map.of(), e);
        }
        if (e.isInternalError() || e.isHostException()) {
            return new JsEvaluationException(JsEvaluationException.Kind.INTERNAL,
                    "internal error while evaluating: " + e.getMessage(), null, 0, 0,
                    frames.stream().map(Frame::toString).toList(), Map.of(), e);
        }
        var details = guestDetails(e.getGuestObject());
        String message = e.getMessage() == null ? "error" : e.getMessage();
        String refused = refusedAllocation(message, limits);
        if (refused != null) {
            var top = frames.isEmpty() ? null : frames.getFirst();
            return new JsEvaluationException(JsEvaluationException.Kind.MEMORY, refused, top == null ? null : top.path,
                    top == null ? 0 : top.line, top == null ? 0 : top.column,
                    frames.stream().map(Frame::toString).toList(), Map.of(), e);
        }
        var kind = HOST_REACH.matcher(message).find() ? JsEvaluationException.Kind.SANDBOX
                : JsEvaluationException.Kind.RUNTIME;
        var top = frames.isEmpty() ? null : frames.getFirst();
        return new JsEvaluationException(kind, message, top == null ? null : top.path,
                top == null ? 0 : top.line, top == null ? 0 : top.column,
                frames.stream().map(Frame::toString).toList(), details, e);
    }

    private static final Pattern TYPED_ARRAY_LENGTH = Pattern.compile("^RangeError: Invalid typed array length: (\\d+)");

    private static boolean isStackOverflow(PolyglotException e) {
        String m = e.getMessage();
        return m != null && (m.contains("Stack overflow") || m.contains("Maximum call stack"));
    }

    /**
     * The memory-limit message for GraalJS's refusal of a typed array, buffer or string larger than the
     * sandbox allows (the options {@link JsHost} sets) or than the heap can hold, or null for any other error.
     */
    private static String refusedAllocation(String message, SandboxLimits limits) {
        String largest = (limits.largestAllocationBytes() >> 20) + " MiB";
        var m = TYPED_ARRAY_LENGTH.matcher(message);
        if (m.find()) {
            String digits = m.group(1);
            long length = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
            if (length > limits.maxTypedArrayLength()) {
                return String.format(Locale.ROOT, "memory limit: a typed array of %,d elements was refused (a typed "
                        + "array or buffer may have at most %,d elements, so that it takes at most %s)", length,
                        limits.maxTypedArrayLength(), largest);
            }
            // GraalJS says the same when the heap cannot hold an allowed length
            return String.format(Locale.ROOT, "memory limit: the heap could not hold a typed array of %,d elements "
                    + "(the whole process may use %d MiB)", length, Runtime.getRuntime().maxMemory() >> 20);
        }
        if (message.startsWith("RangeError: Array buffer allocation failed")) {
            return "memory limit: an array buffer was refused (a single buffer may hold at most " + largest + ")";
        }
        if (message.startsWith("RangeError: Invalid string length")) {
            return String.format(Locale.ROOT, "memory limit: a string longer than %,d characters was refused",
                    limits.maxStringLength());
        }
        return null;
    }

    private static Map<String, Object> guestDetails(Value guest) {
        var out = new LinkedHashMap<String, Object>();
        if (guest == null || !guest.hasMembers()) {
            return out;
        }
        try {
            for (String key : List.of("code", "resourceId", "hint")) {
                Value v = guest.getMember(key);
                if (v != null && v.isString()) {
                    out.put(key, v.asString());
                }
            }
            Value stack = guest.getMember("creactComponentStack");
            if (stack != null && stack.hasArrayElements()) {
                var list = new ArrayList<String>();
                for (long i = 0; i < stack.getArraySize(); i++) {
                    list.add(stack.getArrayElement(i).asString());
                }
                out.put("componentStack", List.copyOf(list));
            }
        } catch (RuntimeException ignored) {
            // a guest object that is not what the runtime throws: no details
        }
        return out;
    }

    /** A user-code frame, in original coordinates. */
    private record Frame(String name, String path, int line, int column) {
        @Override
        public String toString() {
            return (name == null || name.isEmpty() ? "<module>" : name) + " (" + path + ":" + line + ":" + column + ")";
        }
    }

    private static List<Frame> userFrames(PolyglotException e, ProjectFileSystem fs) {
        var out = new ArrayList<Frame>();
        for (var f : e.getPolyglotStackTrace()) {
            if (!f.isGuestFrame() || f.getSourceLocation() == null) {
                continue;
            }
            var loc = f.getSourceLocation();
            var src = loc.getSource();
            String path = src.getPath() != null ? src.getPath() : src.getName();
            if (path == null || BuiltinModules.isBuiltinPath(Path.of(path.startsWith("/") ? path : "/x/" + path))
                    || !path.startsWith("/")) {
                continue;
            }
            out.add(mapFrame(fs, f.getRootName(), path, loc.getStartLine(), loc.getStartColumn()));
        }
        return out;
    }

    private static Frame mapFrame(ProjectFileSystem fs, String name, String path, int line, int column) {
        var module = fs.loadedModules().get(Path.of(path));
        if (module == null) {
            return new Frame(name, path, line, column);
        }
        int[] pos = module.map().toOriginal(line, column);
        return new Frame(name, path, pos[0], pos[1]);
    }

    private record ImportPlace(String specifier, String path, int line, int column) {
    }

    /** Where an unresolved specifier is imported: searched in the original text of loaded modules. */
    private static ImportPlace findImport(ProjectFileSystem fs, String key) {
        String specifier = key;
        if (key.startsWith("/")) {
            specifier = Path.of(key).getFileName().toString();
        }
        for (var module : fs.loadedModules().values()) {
            String text = module.original();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (!(l.contains("import") || l.contains("from") || l.contains("export"))) {
                    continue;
                }
                for (char q : new char[]{'"', '\''}) {
                    int start = l.indexOf(q);
                    while (start >= 0) {
                        int end = l.indexOf(q, start + 1);
                        if (end < 0) {
                            break;
                        }
                        String spec = l.substring(start + 1, end);
                        if (!spec.isEmpty() && (spec.equals(key) || key.endsWith(stripDots(spec))
                                || spec.endsWith(specifier))) {
                            return new ImportPlace(spec, module.path(), i + 1, start + 1);
                        }
                        start = l.indexOf(q, end + 1);
                    }
                }
            }
        }
        return new ImportPlace(key, null, 0, 0);
    }

    private static String stripDots(String spec) {
        String s = spec;
        while (s.startsWith("./") || s.startsWith("../")) {
            s = s.substring(s.indexOf('/') + 1);
        }
        return s;
    }
}
