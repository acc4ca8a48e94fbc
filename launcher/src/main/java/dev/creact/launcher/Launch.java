package dev.creact.launcher;

import java.util.List;
import java.util.Map;

/** The outcome of the launch rule: a command to start, or a problem to show the user. */
public sealed interface Launch {

    /**
     * Ready to start.
     *
     * @param command     the program and its arguments
     * @param environment variables to set on top of the editor's environment (only {@code JAVA_HOME}, when the
     *                    {@code creact} command should use the Java setting)
     * @param summary     one line for the editor's log: what runs, and why that one
     */
    record Ready(List<String> command, Map<String, String> environment, String summary) implements Launch {
        public Ready {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    /**
     * Cannot start.
     *
     * @param setting the setting that fixes it
     * @param message what is wrong and what to do, naming the setting
     */
    record Problem(Setting setting, String message) implements Launch {
    }
}
