package dev.creact.intellij.settings;

import com.intellij.openapi.components.PersistentStateComponent;
import com.intellij.openapi.components.Service;
import com.intellij.openapi.components.State;
import com.intellij.openapi.components.Storage;
import com.intellij.openapi.components.StoragePathMacros;
import com.intellij.openapi.project.Project;
import dev.creact.launcher.SettingNames;
import org.jetbrains.annotations.NotNull;

/**
 * The plugin's settings, per project. They live in the workspace file (not shared through version control):
 * the Java and jar paths are this machine's, and the stack is this developer's choice.
 */
@Service(Service.Level.PROJECT)
@State(name = "CreactSettings", storages = @Storage(StoragePathMacros.WORKSPACE_FILE))
public final class CreactSettings implements PersistentStateComponent<CreactSettings.Values> {
    /** How launch problems name these settings. */
    public static final SettingNames NAMES = new SettingNames(
            "the Java path in Settings | Tools | creact",
            "the creact.jar path in Settings | Tools | creact",
            "apply the settings (the server restarts)");

    /** The stored values (serialised by their public fields); blank means the default. */
    public static final class Values {
        /** A {@code java} executable, Java 25 or newer; blank: JAVA_HOME, the PATH, the usual JDK folders. */
        public String javaPath = "";
        /** {@code creact.jar}; blank: cli/target/creact.jar at or above the project, else {@code creact} on the PATH. */
        public String jarPath = "";
        public String stack = "dev";
        /** The entry file, relative to the project folder. */
        public String entry = "infrastructure.tsx";
        /** Whether the server starts in dev mode (deploy on save). */
        public boolean devModeOnStart;
    }

    private volatile Values values = new Values();

    public static CreactSettings getInstance(Project project) {
        return project.getService(CreactSettings.class);
    }

    @Override
    public @NotNull Values getState() {
        return values;
    }

    @Override
    public void loadState(@NotNull Values state) {
        values = state;
    }

    public String javaPath() {
        return orDefault(values.javaPath, "");
    }

    public String jarPath() {
        return orDefault(values.jarPath, "");
    }

    public String stack() {
        return orDefault(values.stack, "dev");
    }

    public String entry() {
        return orDefault(values.entry, "infrastructure.tsx");
    }

    public boolean devModeOnStart() {
        return values.devModeOnStart;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
