package dev.creact.cli;

import dev.creact.engine.api.CreactException;
import dev.creact.engine.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code creact state migrate --to BACKEND}: every stack's state and history into another backend, as {@code terraform init -migrate-state}. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Copy every stack the project's backend holds (state with its serial, deployment record, "
                + "journal, documents such as secrets, logs such as the audit chain) into another backend, read each "
                + "copy back to verify it, and leave the project's backend untouched.",
                "Then point creact.config.json's \"backend\" at the new one. The way back is the same command with "
                        + "the backends swapped. Stacks the target already holds are refused; a locked stack too."})
final class StateMigrateCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Option(names = "--to", required = true, paramLabel = "BACKEND",
            description = {"The backend to copy into, as creact.config.json's \"backend\" writes it: a type (file), a JSON "
                    + "object ('{\"type\": \"postgres\", \"url\": \"jdbc:postgresql://db/infra\"}', password from "
                    + "PGPASSWORD or \"passwordEnv\"), or a JSON file holding one (a creact.config.json gives its backend)."})
    String to;

    @Override
    public Integer call() {
        var term = new Terminal(options);
        try (var session = Session.open(options)) {
            var migration = session.project.migrateState(to, "creact state migrate");
            if (options.json) {
                term.data.println(Json.writePretty(Map.of("formatVersion", 1, "migration", migration)));
            }
            term.human.println("From " + migration.from() + " to " + migration.to() + ":");
            if (migration.stacks().isEmpty()) {
                term.human.println("  no stacks: nothing to copy.");
            }
            for (var s : migration.stacks()) {
                term.human.println("  " + term.green("✓") + " " + s.name() + ": state serial " + s.serial() + " ("
                        + s.resources() + " resources), " + (s.deploymentRecord() ? "deployment record, " : "")
                        + s.journalEntries() + " journal entries, " + s.documents().size() + " documents, "
                        + s.logs().size() + " logs; verified");
            }
            term.human.println("The source is unchanged. Point \"backend\" in creact.config.json at the new backend to use it.");
            return Main.EXIT_OK;
        } catch (CreactException e) {
            return JsonFailure.report(term, options, List.of(e.problem()));
        }
    }
}
