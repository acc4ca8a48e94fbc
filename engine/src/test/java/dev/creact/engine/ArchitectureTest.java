package dev.creact.engine;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@DisplayName("The invariants of ARCHITECTURE.md hold")
class ArchitectureTest {
    private final com.tngtech.archunit.core.domain.JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.creact.engine");

    @Test
    @DisplayName("model depends on nothing else in the engine")
    void modelIsALeaf() {
        noClasses().that().resideInAPackage("dev.creact.engine.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.creact.engine.js..", "dev.creact.engine.render..", "dev.creact.engine.plan..",
                        "dev.creact.engine.validate..", "dev.creact.engine.backend..", "dev.creact.engine.scaffold..",
                        "dev.creact.engine.hotreload..", "dev.creact.engine.api..", "dev.creact.engine.core..",
                        "dev.creact.engine.deploy..", "dev.creact.engine.provider..", "dev.creact.engine.providers..",
                        "dev.creact.engine.config..", "dev.creact.engine.sync..", "dev.creact.engine.security..",
                        "dev.creact.engine.adapters..")
                .check(engine);
    }

    @Test
    @DisplayName("change safety is decided by the planner alone: the plan package cannot see providers, so none can veto or change it")
    void providersHaveNoSayInSafety() {
        noClasses().that().resideInAPackage("dev.creact.engine.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.creact.engine.provider..",
                        "dev.creact.engine.providers..", "dev.creact.engine.deploy..")
                .check(engine);
    }

    @Test
    @DisplayName("the engine knows no editor and no terminal")
    void engineKnowsNoClients() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.creact.server..", "dev.creact.cli..",
                        "picocli..", "org.eclipse.lsp4j..")
                .check(engine);
    }

    @Test
    @DisplayName("only the js package touches GraalJS; everything else speaks in CloudDOMs and problems")
    void polyglotStaysInJs() {
        noClasses().that().resideOutsideOfPackages("dev.creact.engine.js..", "dev.creact.engine.render..")
                .should().dependOnClassesThat().resideInAPackage("org.graalvm.polyglot..")
                .check(engine);
    }

    @Test
    @DisplayName("the backend stores and decides nothing: it does not reach into rendering, planning, deploying or providers")
    void backendIsIndependent() {
        noClasses().that().resideInAPackage("dev.creact.engine.backend..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.creact.engine.js..", "dev.creact.engine.render..",
                        "dev.creact.engine.plan..", "dev.creact.engine.deploy..", "dev.creact.engine.provider..",
                        "dev.creact.engine.providers..", "dev.creact.engine.core..", "dev.creact.engine.api..")
                .check(engine);
    }

    @Test
    @DisplayName("a provider only creates, reads, updates and deletes: it cannot reach ordering, retries, state, locks or rollback")
    void providersCannotOrchestrate() {
        noClasses().that().resideInAPackage("dev.creact.engine.providers..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.creact.engine.deploy..", "dev.creact.engine.backend..",
                        "dev.creact.engine.core..", "dev.creact.engine.api..", "dev.creact.engine.hotreload..",
                        "dev.creact.engine.plan..")
                .check(engine);
    }

    @Test
    @DisplayName("an IaC adapter is a provider: it cannot reach ordering, retries, state, locks or rollback either")
    void adaptersCannotOrchestrate() {
        noClasses().that().resideInAPackage("dev.creact.engine.adapters..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.creact.engine.deploy..", "dev.creact.engine.backend..",
                        "dev.creact.engine.core..", "dev.creact.engine.api..", "dev.creact.engine.hotreload..",
                        "dev.creact.engine.plan..", "dev.creact.engine.render..", "dev.creact.engine.js..")
                .check(engine);
    }

    @Test
    @DisplayName("the API is the top layer: nothing inside the engine depends on it")
    void apiIsAFacade() {
        noClasses().that().resideOutsideOfPackage("dev.creact.engine.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.creact.engine.api..")
                .check(engine);
    }

    @Test
    @DisplayName("the graph walk knows nothing of providers, plans or state")
    void graphWalkIsGeneric() {
        noClasses().that().haveFullyQualifiedName("dev.creact.engine.deploy.GraphWalk")
                .should().dependOnClassesThat().resideInAnyPackage("dev.creact.engine.provider..",
                        "dev.creact.engine.backend..", "dev.creact.engine.plan..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.creact.engine.model.Plan")
                .check(engine);
    }
}
