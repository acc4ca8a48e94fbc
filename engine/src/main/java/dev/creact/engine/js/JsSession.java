package dev.creact.engine.js;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** One sandboxed evaluation: a fresh context on the shared engine, and the file system it reads through. */
public final class JsSession {
    private final Context context;
    private final ProjectFileSystem fileSystem;
    private final ByteArrayOutputStream console;
    private volatile Value runningComponents;

    JsSession(Context context, ProjectFileSystem fileSystem, ByteArrayOutputStream console) {
        this.context = context;
        this.fileSystem = fileSystem;
        this.console = console;
    }

    /** Evaluates an ES module given as text; returns its namespace object (its exports). */
    public Value evalModule(String name, String code) {
        var source = Source.newBuilder("js", code, name).mimeType("application/javascript+module").buildLiteral();
        return context.eval(source);
    }

    /**
     * Registers a guest function returning the component functions being rendered (outermost first);
     * when an evaluation is stopped, the host calls it to say which component was running.
     */
    public void setRunningComponents(Value function) {
        this.runningComponents = function;
    }

    Value runningComponents() {
        return runningComponents;
    }

    public ProjectFileSystem fileSystem() {
        return fileSystem;
    }

    /** What user code printed with {@code console.log} and friends. */
    public String consoleOutput() {
        synchronized (console) {
            return console.toString(StandardCharsets.UTF_8);
        }
    }
}
