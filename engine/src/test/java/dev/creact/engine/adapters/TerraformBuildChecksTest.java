package dev.creact.engine.adapters;

import dev.creact.engine.TestProject;
import dev.creact.engine.core.Engine;
import dev.creact.engine.model.Problem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the build knows of a Terraform module before terraform runs (no terraform needed). */
@DisplayName("creact/terraform at build time")
class TerraformBuildChecksTest {
    private static Engine engine;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        engine = new Engine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private List<Problem> problems(String vars) {
        var p = new TestProject(dir);
        p.file("modules/marks/main.tf", TerraformFixtures.marksModule(false, ""));
        p.file("modules/json/main.tf.json", """
                { "variable": { "zone": { "type": "string" }, "ttl": { "type": "number", "default": 300 } },
                  "output": { "fqdn": { "value": "${var.zone}" } } }
                """);
        p.file("infrastructure.tsx", """
                import { TerraformModule } from "creact/terraform";

                export default function App() {
                  return <TerraformModule key="net" source="./modules/marks" vars={%s} />;
                }
                """.formatted(vars));
        return p.build(engine).problems();
    }

    private static Problem only(List<Problem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.getFirst();
    }

    @Test
    @DisplayName("a missing required variable is an error at the element, naming the variable and its type")
    void missing() {
        var p = only(problems("{ name: \"net\" }"));
        assertEquals("terraform-missing-input", p.code());
        assertEquals("infrastructure.tsx", p.source().file());
        assertEquals(4, p.source().line());
        assertEquals("net", p.resourceId());
        assertTrue(p.message().contains("vars.marks (string): where the provisioners write their marks"), p.message());
    }

    @Test
    @DisplayName("an unknown variable is an error with a suggestion")
    void unknown() {
        var p = only(problems("{ name: \"net\", marks: \"m\", sise: 2 }"));
        assertEquals("terraform-unknown-input", p.code());
        assertTrue(p.message().contains("has no input 'sise'") && p.message().contains("did you mean 'size'"), p.message());
        assertTrue(p.render().startsWith("infrastructure.tsx:4:"), p.render());
    }

    @Test
    @DisplayName("a value of the wrong type is an error naming the declared type")
    void wrongType() {
        var p = only(problems("{ name: \"net\", marks: \"m\", size: [1, 2] }"));
        assertEquals("terraform-input-type", p.code());
        assertTrue(p.message().contains("vars.size must be number") && p.message().contains("a list"), p.message());
    }

    @Test
    @DisplayName("a source outside the project, or that does not exist, is an error with what to do")
    void badSource() {
        var p = new TestProject(dir);
        p.file("infrastructure.tsx", """
                import { TerraformModule } from "creact/terraform";
                export default function App() {
                  return <TerraformModule key="net" source="../../etc" />;
                }
                """);
        var problem = only(p.build(engine).problems());
        assertEquals("terraform-bad-source", problem.code());
        assertTrue(problem.hint().contains("relative to the project root"), problem.hint());
    }

    @Test
    @DisplayName("modules in Terraform's JSON syntax are read too")
    void jsonSyntax() {
        var p = new TestProject(dir);
        p.file("modules/json/main.tf.json", """
                { "variable": { "zone": { "type": "string" }, "ttl": { "type": "number", "default": 300 } },
                  "output": { "fqdn": { "value": "${var.zone}" } } }
                """);
        p.file("infrastructure.tsx", """
                import { TerraformModule } from "creact/terraform";
                export default function App() {
                  return <TerraformModule key="dns" source="./modules/json" vars={{ ttl: "soon" }} />;
                }
                """);
        var problems = p.build(engine).problems();
        assertEquals(List.of("terraform-input-type", "terraform-missing-input"), problems.stream().map(Problem::code).sorted().toList(),
                problems.toString());
    }

    @Test
    @DisplayName("the module's files are hashed into its props: editing one changes the digest, a valid declaration builds clean")
    void digest() {
        var p = new TestProject(dir);
        p.file("modules/marks/main.tf", TerraformFixtures.marksModule(false, ""));
        p.file("infrastructure.tsx", """
                import { TerraformModule } from "creact/terraform";
                export default function App() {
                  return <TerraformModule key="net" source="./modules/marks" vars={{ name: "n", marks: "m" }} />;
                }
                """);
        var first = p.dom(engine).byId().get("net").props().path("moduleFiles").asText();
        assertTrue(first.startsWith("sha256:"), first);
        assertEquals(first, p.dom(engine).byId().get("net").props().path("moduleFiles").asText(), "stable while nothing changes");
        p.file("modules/marks/notes.tpl", "a template the module reads");
        assertNotEquals(first, p.dom(engine).byId().get("net").props().path("moduleFiles").asText());
    }
}
