package dev.creact.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@DisplayName("The clients are thin: the CLI and the language server use the engine's API and model only")
class ClientsArchitectureTest {
    private final JavaClasses clients = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.creact.cli", "dev.creact.server");

    @Test
    @DisplayName("the CLI imports nothing of the engine but dev.creact.engine.api and dev.creact.engine.model")
    void cliUsesTheApi() {
        noClasses().that().resideInAPackage("dev.creact.cli..")
                .should().dependOnClassesThat(resideInAPackage("dev.creact.engine..")
                        .and(not(resideInAnyPackage("dev.creact.engine.api..", "dev.creact.engine.model.."))))
                .check(clients);
    }

    @Test
    @DisplayName("the language server imports nothing of the engine but dev.creact.engine.api and dev.creact.engine.model")
    void serverUsesTheApi() {
        noClasses().that().resideInAPackage("dev.creact.server..")
                .should().dependOnClassesThat(resideInAPackage("dev.creact.engine..")
                        .and(not(resideInAnyPackage("dev.creact.engine.api..", "dev.creact.engine.model.."))))
                .check(clients);
    }

    @Test
    @DisplayName("commands write through their CommandIo, never System.out/err/in, System.console() or System.exit (the daemon runs them)")
    void commandsUseTheirCommandIo() {
        noClasses().that().resideInAPackage("dev.creact.cli")
                .and().haveNameNotMatching("dev\\.creact\\.cli\\.(CommandIo|SecretsCommand)(\\$.*)?")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().accessField(System.class, "in").orShould().callMethod(System.class, "console")
                .because("the daemon runs the same commands for another process's terminal; secrets (a hidden "
                        + "prompt on the console) always runs in its own process")
                .check(clients);
        noClasses().that().resideInAPackage("dev.creact.cli..").and().doNotHaveFullyQualifiedName("dev.creact.cli.Main")
                .and().doNotHaveFullyQualifiedName("dev.creact.cli.daemon.DaemonMain")
                .should().callMethod(System.class, "exit", int.class)
                .check(clients);
    }
}
