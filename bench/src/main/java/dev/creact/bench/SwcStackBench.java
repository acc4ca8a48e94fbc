package dev.creact.bench;

import com.caoccao.javet.swc4j.Swc4j;
import com.caoccao.javet.swc4j.enums.Swc4jMediaType;
import com.caoccao.javet.swc4j.enums.Swc4jModuleKind;
import com.caoccao.javet.swc4j.enums.Swc4jParseMode;
import com.caoccao.javet.swc4j.enums.Swc4jSourceMapOption;
import com.caoccao.javet.swc4j.exceptions.Swc4jCoreException;
import com.caoccao.javet.swc4j.options.Swc4jJsxRuntimeOption;
import com.caoccao.javet.swc4j.options.Swc4jTranspileOptions;
import dev.creact.engine.js.SwcNativeLibrary;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How much native stack swc4j needs per level of nesting, construct by construct, and how its
 * pretty-printed output grows with size times depth: the figures behind the engine's
 * {@code NativeParserStack} (bytes of stack per non-blank character) and {@code SourceLimits} (nesting and
 * weight limits). swc is called directly, with the options creact's transpiler uses, without creact's
 * limits, so that the limits can be re-derived when swc4j changes.
 *
 * <p>A stack overflow in swc kills the process, so each try runs in a child JVM: the parent bisects the
 * deepest nesting that survives on a fixed stack. Prints Markdown on stdout.
 *
 * <pre>
 *   bench/swc-stack.sh                 # all constructs on an 8 MiB stack, then the output growth rows
 * </pre>
 */
public final class SwcStackBench {
    private static final long STACK_MIB = 8;

    /** A construct: how one level opens and closes, and where it goes. */
    private record Construct(String name, String open, String close, String before, String after) {
        String source(int depth) {
            return before + open.repeat(depth) + "1" + close.repeat(depth) + after;
        }

        /** The fewest characters a level takes: its opening (closers may be missing), else its closing. */
        int charactersPerLevel() {
            String needed = open.isEmpty() ? close : open;
            return needed.replaceAll("\\s", "").length();
        }
    }

    private static final List<Construct> CONSTRUCTS = List.of(
            new Construct("parentheses `(`", "(", ")", "const x = ", ";\n"),
            new Construct("unclosed parentheses `(`", "(", "", "const x = ", ";\n"),
            new Construct("array `[`", "[", "]", "const x = ", ";\n"),
            new Construct("object `{a:`", "{a:", "}", "const x = ", ";\n"),
            new Construct("block `{`", "{", "}", "", "\n"),
            new Construct("template `` `${ ``", "`${", "}`", "const x = ", ";\n"),
            new Construct("JSX element `<a>`", "<a>", "</a>", "const x = ", ";\n"),
            new Construct("arrow `()=>`", "()=>", "", "const x = ", ";\n"),
            new Construct("parenthesised type `(`", "(", ")", "type T = ", ";\n"),
            new Construct("object type `{a:`", "{a:", "}", "type T = ", ";\n"),
            new Construct("generic type `A<`", "A<", ">", "type T = ", ";\n"),
            new Construct("prefix operator `!`", "!", "", "const x = ", ";\n"),
            new Construct("member chain `.a`", "", ".a", "const x = a", ";\n"),
            new Construct("call chain `()`", "", "()", "const x = f", ";\n"));

    private SwcStackBench() {
    }

    public static void main(String[] args) throws Exception {
        SwcNativeLibrary.configure(); // else swc4j unpacks 18 MB under /tmp in every child
        if (args.length > 0 && args[0].equals("child")) {
            child(args);
            return;
        }
        System.out.printf(Locale.ROOT, "swc4j stack per level of nesting, on a %d MiB stack (deepest that survives, by "
                + "bisection in child JVMs)%n%n", STACK_MIB);
        System.out.println("| construct | deepest | stack per level | fewest characters per level | stack per character |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int i = 0; i < CONSTRUCTS.size(); i++) {
            var c = CONSTRUCTS.get(i);
            int deepest = deepest(i);
            long perLevel = (STACK_MIB << 20) / Math.max(1, deepest);
            int chars = Math.max(1, c.charactersPerLevel());
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d B | %d | %,d B |%n", c.name(), deepest, perLevel, chars,
                    perLevel / chars);
        }
        System.out.println();
        System.out.println("Output growth: JSX elements N wide at depth D (pretty-printed: each on lines of its own)");
        System.out.println();
        System.out.println("| depth | elements | weight (creact's measure) | source | output | time |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        transpile("export const warm = " + "<a>".repeat(50) + "<b/>".repeat(2_000) + "</a>".repeat(50) + ";\n");
        for (int[] row : new int[][]{{10, 3_900}, {100, 3_900}, {250, 1_500}, {250, 6_000}}) {
            String source = "export const tree = " + "<a>".repeat(row[0]) + "<b/>".repeat(row[1]) + "</a>".repeat(row[0]) + ";\n";
            long start = System.nanoTime();
            String out = transpile(source);
            long ms = (System.nanoTime() - start) / 1_000_000;
            long weight = 5L * row[1] * (row[0] + 1) + 5L * row[0] * (row[0] + 1) / 2;
            System.out.printf(Locale.ROOT, "| %d | %,d | %,d | %,d | %,d | %,d ms |%n", row[0], row[1], weight,
                    source.length(), out.length(), ms);
        }
    }

    /** Bisects the deepest nesting of construct {@code index} that a child JVM survives. */
    private static int deepest(int index) throws Exception {
        int low = 0;
        int high = 200_000;
        while (high - low > Math.max(5, low / 50)) {
            int mid = (low + high) >>> 1;
            if (survives(index, mid)) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static boolean survives(int index, int depth) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), SwcStackBench.class.getName(), "child",
                Integer.toString(index), Integer.toString(depth)));
        var p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(new File("/dev/null")).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    /** Transpiles one construct at one depth on a thread with the fixed stack; exits 0 unless swc crashed. */
    private static void child(String[] args) throws Exception {
        var c = CONSTRUCTS.get(Integer.parseInt(args[1]));
        String source = c.source(Integer.parseInt(args[2]));
        var t = new Thread(null, () -> {
            try {
                transpile(source);
            } catch (RuntimeException e) {
                // a syntax error (unclosed parentheses) is a survival too: swc came back
            }
        }, "swc", STACK_MIB << 20);
        t.start();
        t.join();
        System.exit(0);
    }

    /** swc with the options of creact's transpiler (TSX, development JSX, module, separate source map). */
    private static String transpile(String source) {
        try {
            var options = new Swc4jTranspileOptions()
                    .setJsx(Swc4jJsxRuntimeOption.Automatic(true, "creact"))
                    .setMediaType(Swc4jMediaType.Tsx)
                    .setParseMode(Swc4jParseMode.Module)
                    .setModuleKind(Swc4jModuleKind.Esm)
                    .setSourceMap(Swc4jSourceMapOption.Separate)
                    .setSpecifier(Path.of("/bench/x.tsx").toUri().toURL());
            return new Swc4j().transpile(source, options).getCode();
        } catch (Swc4jCoreException e) {
            throw new IllegalStateException(e.getMessage());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
