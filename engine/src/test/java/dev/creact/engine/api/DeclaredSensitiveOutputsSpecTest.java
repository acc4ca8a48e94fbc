package dev.creact.engine.api;

import dev.creact.engine.ApiSpec;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An output the construct's schema declares sensitive ({@code outputs: [{ name, sensitive: true }]}) is sealed
 * into the stack's secret store at deploy, as one a provider marks at deploy time is: the state keeps a
 * reference, a dependent still gets the value in its provider call.
 */
@DisplayName("Outputs a construct's schema declares sensitive are sealed into the secret store")
class DeclaredSensitiveOutputsSpecTest extends ApiSpec {
    static final String TOKEN = "vault-token-5c1f9e77a2";
    static final String STACK = """
            import { useInstance, defineConstruct } from "creact";
            import { MockResource } from "creact/mock";
            const Vault = defineConstruct("mock:Vault", { props: { token: "string" }, outputs: ["id", { name: "token", sensitive: true }] });
            export default function App() {
              const vault = useInstance(Vault, { key: "vault", token: "%s" });
              useInstance(MockResource, { key: "app", vaultToken: vault.outputs.token });
              return null;
            }
            """.formatted(TOKEN);

    @BeforeAll
    static void key() {
        System.setProperty("creact.encryptionKey", Base64.getEncoder().encodeToString(new byte[32]));
    }

    @AfterAll
    static void noKey() {
        System.clearProperty("creact.encryptionKey");
    }

    @Test
    @DisplayName("deploy: the state holds a reference for the declared output, the store the value; the dependent's provider got it")
    void sealedAtDeploy() throws Exception {
        project(STACK);
        var report = stack().deploy(input("deploy"), Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.DEPLOYED, report.outcome(), report.problems() + " " + report.failed());
        var vault = stack().state().cloudDom().byId().get("vault");
        var token = vault.outputs().get("token");
        assertTrue(token.isObject() && token.path("$secret").asText().startsWith("OUTPUT_"), "a reference: " + vault.outputs());
        assertTrue(stack().secrets().list().stream().anyMatch(s -> s.name().equals(token.path("$secret").asText())),
                "sealed under " + token + " in the store");
        assertEquals(TOKEN, stack().secrets().get(token.path("$secret").asText()).orElseThrow());

        assertTrue(!vault.outputs().toString().contains(TOKEN), "no copy of the value in the outputs: " + vault.outputs());
        var app = stack().state().cloudDom().byId().get("app");
        assertEquals(token.path("$secret").asText(), app.props().path("vaultToken").path("$secret").asText(),
                "the dependent's props in the state hold the reference: " + app.props());
        assertEquals("(secret)", app.outputs().path("vaultToken").asText(),
                "the mock got the value (and echoed it, masked on the way back): " + app.outputs());
    }
}
