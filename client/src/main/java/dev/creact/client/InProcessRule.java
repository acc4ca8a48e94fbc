package dev.creact.client;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a command runs in its own process instead of in the daemon. CI machines start cold and run one command
 * each, and a build log should show exactly what ran where; long-lived commands and those that own the
 * terminal (a language server on stdio, `dev` watching files, `serve`, `secrets` reading a hidden value from
 * the console, `daemon` itself) never go through a daemon.
 */
public final class InProcessRule {
    static final Set<String> IN_PROCESS_COMMANDS = Set.of("lsp", "dev", "serve", "secrets", "daemon");

    private InProcessRule() {
    }

    /** Why this command runs in-process, or null when a daemon may serve it. */
    public static String reason(List<String> args, Map<String, String> env, boolean noDaemonFlag) {
        if (noDaemonFlag) {
            return "--no-daemon";
        }
        if (isSet(env.get("CREACT_NO_DAEMON"))) {
            return "CREACT_NO_DAEMON is set";
        }
        if (isSet(env.get("CI"))) {
            return "CI is set (CI runs in-process)";
        }
        String command = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        if (IN_PROCESS_COMMANDS.contains(command)) {
            return "`creact " + command + "` always runs in its own process";
        }
        return null;
    }

    /** Set to anything but empty, 0 or false. */
    static boolean isSet(String value) {
        return value != null && !value.isBlank() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }
}
