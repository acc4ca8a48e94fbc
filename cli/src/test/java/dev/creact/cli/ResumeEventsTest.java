package dev.creact.cli;

import dev.creact.engine.api.BuildInput;
import dev.creact.engine.api.CreactEngine;
import dev.creact.engine.api.DeployInput;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Deploy events of a resume after a real deploy process was killed")
class ResumeEventsTest {
    @Test
    @DisplayName("resume: started, locked, the replayed state checkpointed, the interrupted record closed, a pass for the rest, finished")
    void resumeAfterSigkill(@TempDir Path dir) throws Exception {
        CrashAndLockTest.project(dir);
        var deploy = CreactProcess.start(dir, dir.resolve("deploy.log"), "deploy", "--auto-approve");
        Path journal = dir.resolve(".creact/stacks/dev/journal.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // Kill once a few operations are done, well before the ~2 s the deploy takes.
        while (deploy.isAlive() && System.nanoTime() < deadline
                && (!Files.exists(journal) || Files.readAllLines(journal).stream().filter(l -> l.contains("\"result\"")).count() < 4)) {
            Thread.sleep(5);
        }
        assertTrue(deploy.isAlive(), "the deploy was still running when it was killed:\n" + Files.readString(dir.resolve("deploy.log")));
        deploy.destroyForcibly().waitFor();

        var events = Collections.synchronizedList(new ArrayList<DeployEvent>());
        DeployReport report;
        try (var engine = new CreactEngine(); var project = engine.open(dir)) {
            report = project.stack("dev").resume(DeployInput.of(BuildInput.of(Path.of("infrastructure.tsx")), "test resume"),
                    events::add, CancellationToken.NONE);
        }
        assertEquals(DeployReport.Outcome.DEPLOYED, report.outcome(), report.problems().toString());
        var shape = new ArrayList<String>();
        for (var e : List.copyOf(events)) {
            switch (e) {
                case DeployEvent.CommandStarted s -> shape.add("Started:" + s.command());
                case DeployEvent.StatusChanged s -> shape.add("Status:" + s.status());
                case DeployEvent.CommandFinished f -> shape.add("Finished:" + f.report().outcome());
                case DeployEvent.OperationIntent i -> { }
                case DeployEvent.OperationResult r -> { }
                case DeployEvent.Note n -> { }
                default -> shape.add(e.getClass().getSimpleName());
            }
        }
        // The killed deploy's lock is still there (its process is gone): the resume takes it over and says so.
        assertEquals(List.of("Started:RESUME", "LockTakenOver", "LockAcquired", "Checkpoint", "Status:FAILED", "CycleStarted",
                "Status:PENDING", "Status:APPLYING", "Checkpoint", "Status:DEPLOYED", "Built", "LockReleased",
                "Finished:DEPLOYED"), shape);
        assertTrue(events.stream().anyMatch(e -> e instanceof DeployEvent.Note n && n.message().startsWith("resuming: ")));
        var taken = events.stream().filter(e -> e instanceof DeployEvent.LockTakenOver).map(DeployEvent.LockTakenOver.class::cast).findFirst().orElseThrow();
        assertTrue(taken.previous().command().contains("deploy"), "the lock taken over is the killed deploy's: " + taken.previous());
        int resultsAfter = (int) events.stream().filter(e -> e instanceof DeployEvent.OperationResult r && r.ok()).count();
        assertTrue(resultsAfter > 0 && resultsAfter < CrashAndLockTest.RESOURCES,
                "only what the killed deploy left was applied (" + resultsAfter + " operations)");
    }
}
