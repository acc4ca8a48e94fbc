package dev.creact.cli;

import dev.creact.engine.api.CreactException;
import dev.creact.engine.api.SecretInfo;
import dev.creact.engine.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code creact secrets …}: a stack's encrypted secrets. */
@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = {"Manage a stack's secrets, encrypted (AES-256-GCM) through its backend with CREACT_ENCRYPTION_KEY "
                + "(32 bytes in base64, or a passphrase).",
                "Components pass them as props with secret(\"NAME\"); the value is read only for the provider call and "
                        + "never appears in state, plans, logs or the editor. Every access is an entry of `creact audit`."},
        subcommands = {SecretsCommand.Set.class, SecretsCommand.Get.class, SecretsCommand.ListSecrets.class,
                SecretsCommand.Delete.class, SecretsCommand.RotateKey.class})
final class SecretsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads a value from standard input: everything, less one trailing newline. */
    static String readStdin(InputStream in) throws IOException {
        String v = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (v.endsWith("\r\n")) {
            return v.substring(0, v.length() - 2);
        }
        return v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
    }

    static Map<String, Object> doc(GlobalOptions options) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("formatVersion", 1);
        doc.put("stack", options.stack);
        return doc;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set a secret. Without VALUE it is read from standard input (so it stays out of shell history).")
    static final class Set implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Parameters(index = "0", paramLabel = "NAME", description = "Upper-case letters, digits and '_'.")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The value (default: standard input).")
        String value;

        @Override
        public Integer call() throws IOException {
            var term = new Terminal(options);
            try (var session = Session.open(options)) {
                if (value == null) {
                    if (System.console() != null && System.console().isTerminal()) {
                        term.human.print("value for " + name + " (end with Ctrl-D): ");
                        term.human.flush();
                    }
                    value = readStdin(CommandIo.current().in());
                }
                SecretInfo info = session.stack.secrets().set(name, value);
                term.human.println(term.green("✓") + " secret " + info.name() + " set for stack '" + options.stack + "'");
                if (options.json) {
                    var doc = doc(options);
                    doc.put("secret", info);
                    term.data.println(Json.writePretty(doc));
                }
                return Main.EXIT_OK;
            } catch (CreactException e) {
                return JsonFailure.report(term, options, List.of(e.problem()));
            }
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Print a secret's value on standard output (exit 1 when it is not set).")
    static final class Get implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            var term = new Terminal(options);
            try (var session = Session.open(options)) {
                var value = session.stack.secrets().get(name);
                if (value.isEmpty()) {
                    throw new CreactException("unknown-secret", "secret " + name + " is not set for stack '" + options.stack + "'",
                            "`creact secrets list --stack " + options.stack + "` shows the names");
                }
                if (options.json) {
                    var doc = doc(options);
                    doc.put("name", name);
                    doc.put("value", value.get());
                    term.data.println(Json.writePretty(doc));
                } else {
                    term.data.println(value.get());
                }
                return Main.EXIT_OK;
            } catch (CreactException e) {
                return JsonFailure.report(term, options, List.of(e.problem()));
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the secrets' names and times (never values).")
    static final class ListSecrets implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Override
        public Integer call() {
            var term = new Terminal(options);
            try (var session = Session.open(options)) {
                var all = session.stack.secrets().list();
                if (options.json) {
                    var doc = doc(options);
                    doc.put("secrets", all.stream().map(s -> {
                        var m = new LinkedHashMap<String, Object>();
                        m.put("name", s.name());
                        m.put("created", s.created());
                        m.put("updated", s.updated());
                        return m;
                    }).toList());
                    term.data.println(Json.writePretty(doc));
                } else if (all.isEmpty()) {
                    term.human.println("stack '" + options.stack + "' has no secrets; set one with `creact secrets set NAME`");
                } else {
                    int width = all.stream().mapToInt(s -> s.name().length()).max().orElse(4);
                    for (var s : all) {
                        term.human.println(String.format("%-" + width + "s  %s", s.name(), term.dim("updated " + s.updated())));
                    }
                }
                return Main.EXIT_OK;
            } catch (CreactException e) {
                return JsonFailure.report(term, options, List.of(e.problem()));
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a secret (exit 1 when it is not set).")
    static final class Delete implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            var term = new Terminal(options);
            try (var session = Session.open(options)) {
                if (!session.stack.secrets().delete(name)) {
                    throw new CreactException("unknown-secret", "secret " + name + " is not set for stack '" + options.stack + "'",
                            "`creact secrets list --stack " + options.stack + "` shows the names");
                }
                term.human.println(term.green("✓") + " secret " + name + " deleted from stack '" + options.stack + "'");
                if (options.json) {
                    var doc = doc(options);
                    doc.put("deleted", name);
                    term.data.println(Json.writePretty(doc));
                }
                return Main.EXIT_OK;
            } catch (CreactException e) {
                return JsonFailure.report(term, options, List.of(e.problem()));
            }
        }
    }

    @Command(name = "rotate-key", mixinStandardHelpOptions = true,
            description = {"Re-encrypt every secret of the stack under a new key.",
                    "The current key is CREACT_ENCRYPTION_KEY; the new one is CREACT_NEW_ENCRYPTION_KEY, else read from "
                            + "standard input. Afterwards, set CREACT_ENCRYPTION_KEY to the new key."})
    static final class RotateKey implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Override
        public Integer call() throws IOException {
            var term = new Terminal(options);
            try (var session = Session.open(options)) {
                String next = System.getenv("CREACT_NEW_ENCRYPTION_KEY");
                if (next == null || next.isBlank()) {
                    next = readStdin(CommandIo.current().in());
                }
                int n = session.stack.secrets().rotateKey(next);
                term.human.println(term.green("✓") + " re-encrypted " + n + " secret(s) of stack '" + options.stack
                        + "'; set CREACT_ENCRYPTION_KEY to the new key now");
                if (options.json) {
                    var doc = doc(options);
                    doc.put("reencrypted", n);
                    term.data.println(Json.writePretty(doc));
                }
                return Main.EXIT_OK;
            } catch (CreactException e) {
                return JsonFailure.report(term, options, List.of(e.problem()));
            }
        }
    }
}
