package dev.creact.engine.providers.local;

import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.creact.engine.providers.Requests.after;
import static dev.creact.engine.providers.Requests.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("local:Exec runs real processes")
class ExecsTest {
    @TempDir
    Path root;
    final LocalProvider local = new LocalProvider();
    static final String TYPE = "local:Exec";

    ResourceRequest exec(String props) {
        return create(root, "app.build", TYPE, props);
    }

    @Test
    @DisplayName("create runs the command and returns its stdout without the trailing newline")
    void echo() throws Exception {
        ResourceResult r = local.create(exec("{'create':'echo hi'}"));
        assertEquals("hi", r.outputs().get("stdout").asText());
        assertEquals(0, r.outputs().get("exitCode").asInt());
        assertEquals(2, r.outputs().size());
        assertTrue(r.providerData().get("ran").asBoolean());
    }

    @Test
    @DisplayName("the command runs in cwd, relative to the project root, and in the root by default")
    void cwd() throws Exception {
        Files.createDirectories(root.resolve("sub/dir"));
        assertEquals(root.resolve("sub/dir").toRealPath().toString(),
                local.create(exec("{'create':'pwd -P','cwd':'sub/dir'}")).outputs().get("stdout").asText());
        assertEquals(root.toRealPath().toString(), local.create(exec("{'create':'pwd -P'}")).outputs().get("stdout").asText());
        var missing = assertThrows(ProviderException.class, () -> local.create(exec("{'create':'true','cwd':'nope'}")));
        assertTrue(missing.getMessage().contains("not a folder"), missing.getMessage());
        var outside = assertThrows(ProviderException.class, () -> local.create(exec("{'create':'true','cwd':'..'}")));
        assertFalse(outside.isTransient());
    }

    @Test
    @DisplayName("a non-zero exit is permanent and reports the code and the end of stderr, not the command")
    void exitCode() {
        var e = assertThrows(ProviderException.class,
                () -> local.create(exec("{'create':'echo first >&2; echo SECRET-ISH >/dev/null; echo last words >&2; exit 3'}")));
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("app.build"), e.getMessage());
        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("first") && e.getMessage().contains("last words"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET-ISH"), "the command text (which may hold resolved secrets) is not quoted");
    }

    @Test
    @DisplayName("a command over its time limit is stopped with its children and fails transiently, quickly")
    void timeout() throws Exception {
        long start = System.nanoTime();
        var e = assertThrows(ProviderException.class, () -> local.create(exec(
                "{'create':'echo $$ > shell.pid; sleep 5 & echo $! > child.pid; wait','timeoutMs':200}")));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("timed out after 200 ms"), e.getMessage());
        // Not a speed check: the command would have run 5 s on its own; returning before that means it was stopped.
        assertTrue(elapsedMs < 5000, "the call waited for the command to end by itself (" + elapsedMs + " ms)");
        for (String pidFile : new String[]{"shell.pid", "child.pid"}) {
            long pid = Long.parseLong(Files.readString(root.resolve(pidFile)).trim());
            long until = System.nanoTime() + 2_000_000_000L; // SIGKILL is sent, not awaited
            while (running(pid) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertFalse(running(pid), pidFile + " still running");
        }
    }

    /** A killed process whose parent is gone stays a zombie until init reaps it (some containers' never does). */
    static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (Files.exists(Path.of("/proc/self/stat"))) {
            if (!Files.exists(stat)) {
                return false;
            }
            String text = Files.readString(stat);
            return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    @DisplayName("stdout is capped at 1 MiB")
    void stdoutCap() throws Exception {
        ResourceResult r = local.create(exec("{'create':'head -c 3000000 /dev/zero | tr -c a a'}"));
        String out = r.outputs().get("stdout").asText();
        assertEquals(1024 * 1024, out.length());
        assertTrue(out.chars().allMatch(c -> c == 'a'));
    }

    @Test
    @DisplayName("a background process that keeps stdout open does not hold the call until the time limit")
    void background() throws Exception {
        long start = System.nanoTime();
        ResourceResult r = local.create(exec("{'create':'sleep 30 & echo $!','timeoutMs':20000}"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        long pid = Long.parseLong(r.outputs().get("stdout").asText());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        // Not a speed check: the limit is 20 s; returning before it means the open stdout did not hold the call.
        assertTrue(elapsedMs < 20000, "the call waited for the time limit (" + elapsedMs + " ms)");
    }

    @Test
    @DisplayName("read answers from provider data, update keeps the outputs, delete runs destroy")
    void lifecycle() throws Exception {
        String props = "{'create':'echo made > made.txt; echo ok','destroy':'echo gone > destroyed.txt'}";
        ResourceResult r = local.create(exec(props));
        assertEquals("made", Files.readString(root.resolve("made.txt")).trim());
        Files.delete(root.resolve("made.txt"));

        assertEquals(r.outputs(), local.read(after(r, root, "app.build", TYPE, props)).orElseThrow().outputs());
        assertTrue(local.read(exec(props)).isEmpty(), "without provider data the command never completed");

        String changed = "{'create':'echo made > made.txt; echo ok','destroy':'echo gone > destroyed.txt','timeoutMs':5000}";
        ResourceResult updated = local.update(after(r, root, "app.build", TYPE, changed));
        assertEquals(r.outputs(), updated.outputs());
        assertFalse(Files.exists(root.resolve("made.txt")), "update does not run create again");

        local.delete(after(updated, root, "app.build", TYPE, changed));
        assertEquals("gone", Files.readString(root.resolve("destroyed.txt")).trim());
    }

    @Test
    @DisplayName("a failing destroy fails the delete permanently; no destroy means nothing to do")
    void destroyFails() throws Exception {
        ResourceResult r = local.create(exec("{'create':'true'}"));
        local.delete(after(r, root, "app.build", TYPE, "{'create':'true'}"));
        var e = assertThrows(ProviderException.class,
                () -> local.delete(after(r, root, "app.build", TYPE, "{'create':'true','destroy':'exit 7'}")));
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("destroy command exited with code 7"), e.getMessage());
    }
}
