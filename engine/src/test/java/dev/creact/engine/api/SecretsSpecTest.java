package dev.creact.engine.api;

import dev.creact.engine.ApiSpec;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.PlanOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets through the API: references in props resolved only for the provider call, nothing of a value in
 * the state, journal, deployment record, plans or events, a changed value planned as one update, a missing
 * secret a build error at the resource, and every access on the audit chain.
 */
@DisplayName("Secrets: references in, values only in the provider call, every access audited")
class SecretsSpecTest extends ApiSpec {
    static final String API_KEY = "sk-live-4f9a2c71e0";
    static final String DB_PASSWORD = "correct-horse-battery";
    static final String TOKEN = "tok_9d8c7b6a5f";
    static final String STACK = """
            import { useInstance, secret } from "creact";
            import { MockResource } from "creact/mock";
            export default function App() {
              const db = useInstance(MockResource, { key: "db", password: secret("DB_PASSWORD") });
              useInstance(MockResource, { key: "api", apiKey: { $secret: "API_KEY" }, db: db.outputs.id,
                config: { headers: [secret("TOKEN")], plain: "visible" } });
              useInstance(MockResource, { key: "plain", note: "no secrets here" });
              return null;
            }
            """;

    @BeforeAll
    static void key() {
        System.setProperty("creact.encryptionKey", Base64.getEncoder().encodeToString(new byte[32]));
    }

    @AfterAll
    static void noKey() {
        System.clearProperty("creact.encryptionKey");
    }

    static final class Recorder implements DeployEvent.Listener {
        final List<DeployEvent> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void on(DeployEvent event) {
            events.add(event);
        }
    }

    private void secrets() {
        var s = stack().secrets();
        s.set("API_KEY", API_KEY);
        s.set("DB_PASSWORD", DB_PASSWORD);
        s.set("TOKEN", TOKEN);
    }

    /** Every hit of a secret value, raw or in base64, in {@code text}. */
    static List<String> leaks(String where, String text) {
        var hits = new ArrayList<String>();
        for (String v : List.of(API_KEY, DB_PASSWORD, TOKEN)) {
            for (String form : List.of(v, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)),
                    Base64.getEncoder().withoutPadding().encodeToString(v.getBytes(StandardCharsets.UTF_8)))) {
                if (text.contains(form)) {
                    hits.add(where + " holds " + (form.equals(v) ? "" : "the base64 of ") + v);
                }
            }
        }
        return hits;
    }

    static List<String> leaksUnder(Path root) throws Exception {
        var hits = new ArrayList<String>();
        try (var files = Files.walk(root.resolve(".creact"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                hits.addAll(leaks(root.relativize(f).toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)));
            }
        }
        return hits;
    }

    @Test
    @DisplayName("deploy, plan, rollback and destroy: no value in any file under .creact or any event; outputs echoing one are masked")
    void leakScan() throws Exception {
        var p = project(STACK);
        secrets();
        var rec = new Recorder();
        var report = stack().deploy(input("deploy"), Approval.ALWAYS, rec, CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.DEPLOYED, report.outcome(), report.problems().toString());
        var api = stack().state().cloudDom().byId().get("api");
        assertEquals("(secret)", api.outputs().path("apiKey").asText(), "the mock echoes its props; the echo is masked");
        assertEquals("(secret)", api.outputs().path("config").path("headers").path(0).asText());
        assertEquals("visible", api.outputs().path("config").path("plain").asText());
        assertEquals("API_KEY", api.props().path("apiKey").path("$secret").asText(), "the state holds the reference");
        var resolved = rec.events.stream().filter(DeployEvent.SecretResolved.class::isInstance)
                .map(e -> ((DeployEvent.SecretResolved) e).name()).sorted().distinct().toList();
        assertEquals(List.of("API_KEY", "DB_PASSWORD", "TOKEN"), resolved);

        var plan = stack().plan(BuildInput.of(Path.of("infrastructure.tsx")), PlanOptions.NONE, CancellationToken.NONE);
        assertTrue(plan.ok(), plan.problems().toString());
        stack().savePlan(dir.resolve(".creact/saved.plan.json"), plan.plan());

        p.file("infrastructure.tsx", STACK.replace("return null;",
                "useInstance(MockResource, { key: \"bad\", secretToo: secret(\"API_KEY\"), failPermanently: true });\n  return null;"));
        var failed = stack().deploy(input("deploy"), Approval.ALWAYS, rec, CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.FAILED, failed.outcome());
        stack().rollback(input("rollback"), rec, CancellationToken.NONE);
        stack().destroy(input("destroy"), PlanOptions.NONE, Approval.ALWAYS, rec, CancellationToken.NONE);

        var hits = new ArrayList<>(leaksUnder(dir));
        for (var e : List.copyOf(rec.events)) {
            hits.addAll(leaks("event " + e.getClass().getSimpleName(), Json.write(e) + e));
        }
        assertEquals(List.of(), hits);
        assertTrue(Files.exists(dir.resolve(".creact/stacks/dev/secrets.enc.json")));
    }

    @Test
    @DisplayName("a changed secret plans exactly one update of the resources using it, on that prop alone")
    void changed() {
        project(STACK);
        secrets();
        stack().deploy(input("deploy"), Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
        var none = stack().plan(BuildInput.of(Path.of("infrastructure.tsx")), PlanOptions.NONE, CancellationToken.NONE);
        assertFalse(none.plan().hasChanges(), "setting nothing changes nothing");
        stack().secrets().set("TOKEN", TOKEN);
        assertFalse(stack().plan(BuildInput.of(Path.of("infrastructure.tsx")), PlanOptions.NONE, CancellationToken.NONE)
                .plan().hasChanges(), "the same value again changes nothing");
        stack().secrets().set("TOKEN", "tok_rotated");
        var plan = stack().plan(BuildInput.of(Path.of("infrastructure.tsx")), PlanOptions.NONE, CancellationToken.NONE).plan();
        assertEquals(1, plan.changeSet().size(), plan.changeSet().all().toString());
        var change = plan.changeSet().updates().getFirst();
        assertEquals("api", change.id());
        assertEquals(List.of("config.headers[0].$version"), change.changedProps().stream().map(c -> c.path()).toList());
        var doc = dev.creact.engine.model.PlanDocument.toJson(plan);
        assertTrue(Json.write(doc).contains("\"secretChanged\":true"), Json.write(doc));
    }

    @Test
    @DisplayName("a reference to a secret that is not set is a build error at the resource's line, naming the key")
    void missing() {
        project(STACK);
        stack().secrets().set("API_KEY", API_KEY);
        var plan = stack().plan(BuildInput.of(Path.of("infrastructure.tsx")), PlanOptions.NONE, CancellationToken.NONE);
        assertFalse(plan.ok());
        var problem = plan.problems().stream().filter(x -> x.code().equals("missing-secret")).findFirst().orElseThrow();
        assertEquals("db", problem.resourceId());
        assertNotNull(problem.source());
        assertEquals(4, problem.source().line());
        assertTrue(problem.message().contains("secret DB_PASSWORD"), problem.message());
        assertTrue(problem.hint().contains("creact secrets set DB_PASSWORD"), problem.hint());
    }

    @Test
    @DisplayName("each secret access and each command is an audit entry, and the chain verifies")
    void audited() {
        project(STACK);
        secrets();
        stack().secrets().get("API_KEY");
        stack().secrets().delete("NOPE");
        stack().deploy(input("creact deploy"), Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
        var actions = stack().audit().list(AuditTrail.Filter.ALL).reversed().stream().map(e -> e.path("action").asText()).toList();
        assertEquals(List.of("secret-set", "secret-set", "secret-set", "secret-get", "secret-delete", "deploy-started",
                "secret-resolve", "deploy-completed"), actions);
        var resolve = stack().audit().list(new AuditTrail.Filter(null, "secret-resolve", null, null, 1)).getFirst();
        assertEquals(List.of("api"), Json.mapper().convertValue(resolve.path("secrets").path("API_KEY"), List.class));
        var done = stack().audit().list(new AuditTrail.Filter(null, "deploy", null, null, 1)).getFirst();
        assertEquals(3, done.path("summary").path("created").asInt());
        assertTrue(stack().audit().verify().ok());
        assertEquals(List.of(), leaks("audit", String.join("\n", stack().audit().list(AuditTrail.Filter.ALL).stream().map(Json::write).toList())));
    }
}
