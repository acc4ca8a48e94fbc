package dev.creact.engine.js;

import java.util.Random;

/**
 * Seeded generator of hostile TSX: nesting of every kind from harmless to absurd (up to 50,000 levels),
 * long unbracketed chains (operators, calls, members, generics), large flat data, decoys that hide
 * brackets in strings, comments, regexes and JSX text, truncation and junk. The same seed gives the same
 * text, so a failure names its seed and can be replayed.
 */
public final class HostileSource {
    private static final int[] DEPTHS = {3, 40, 255, 256, 257, 1_000, 5_000, 40_000, 50_000};
    private static final int[] LENGTHS = {10, 1_000, 10_000, 50_000};
    private static final String[][] WRAPS = {
            {"(", ")"}, {"[", "]"}, {"{a:", "}"}, {"`${", "}`"}, {"<a>", "</a>"}, {"f(", ")"},
            {"{ let v = ", "; }"}, {"() => (", ")"}, {"<a b={", "}/>"}, {"[...", "]"},
    };
    private static final String[][] CHAINS = {
            {"!", "x"}, {"-", "x"}, {"typeof ", "x"}, {"1+", "1"}, {"a?b:", "c"}, {"()=>", "1"},
            {"", ".a", "x"}, {"", "()", "f"}, {"", "[0]", "a"}, {"", "!", "a"}, {"new ", "X"}, {"await ", "x"},
    };

    private final Random random;

    public HostileSource(long seed) {
        this.random = new Random(seed);
    }

    /** One hostile module: an expression exported as {@code value}, with statements around it. */
    public String module() {
        String body = switch (random.nextInt(7)) {
            case 0, 1 -> nested();
            case 2 -> chain();
            case 3 -> flat();
            case 4 -> typeLevel();
            case 5 -> decoys() + nested();
            default -> junk();
        };
        String text = decoys() + "\nexport const value = " + body + ";\n" + decoys();
        if (random.nextInt(5) == 0) {
            text = text.substring(0, random.nextInt(text.length() + 1)); // unbalanced: cut anywhere
        }
        return text;
    }

    private int depth() {
        return DEPTHS[random.nextInt(DEPTHS.length)];
    }

    /** The same or mixed wrappers, {@code depth} levels deep. */
    private String nested() {
        int depth = depth();
        boolean mixed = random.nextBoolean();
        var open = new StringBuilder();
        var closers = new String[depth];
        String[] only = WRAPS[random.nextInt(WRAPS.length)];
        for (int i = 0; i < depth; i++) {
            String[] w = mixed ? WRAPS[random.nextInt(WRAPS.length)] : only;
            open.append(w[0]);
            closers[depth - 1 - i] = w[1];
        }
        return open + "1" + String.join("", closers);
    }

    private String chain() {
        String[] c = CHAINS[random.nextInt(CHAINS.length)];
        int n = LENGTHS[random.nextInt(LENGTHS.length)];
        return c.length == 2 ? c[0].repeat(n) + c[1] : c[2] + c[1].repeat(n);
    }

    private String flat() {
        int n = LENGTHS[random.nextInt(LENGTHS.length)] * 2;
        return switch (random.nextInt(4)) {
            case 0 -> "[" + "1, ".repeat(n) + "]";
            case 1 -> "{" + "a: 1, ".repeat(n) + "}";
            case 2 -> "\"" + "x".repeat(n * 20) + "\"";
            default -> "`" + "line\n".repeat(n) + "`";
        };
    }

    private String typeLevel() {
        int depth = depth();
        String[] w = random.nextBoolean() ? new String[]{"Array<", ">"} : new String[]{"(", ")"};
        return "(null as unknown as " + w[0].repeat(depth) + "number" + w[1].repeat(depth) + ")";
    }

    /** Brackets where they do not count (strings, comments, regexes, template text). */
    private String decoys() {
        var sb = new StringBuilder();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String brackets = "((([[[{{{".repeat(1 + random.nextInt(50));
            sb.append(switch (random.nextInt(5)) {
                case 0 -> "// " + brackets + "\n";
                case 1 -> "/* " + brackets + " */\n";
                case 2 -> "const s" + i + " = \"" + brackets + "\";\n";
                case 3 -> "const r" + i + " = /[(\\[{]+/g;\n";
                default -> "const t" + i + " = `" + brackets + "`;\n";
            });
        }
        return sb.toString();
    }

    private String junk() {
        var sb = new StringBuilder();
        int n = 1 + random.nextInt(5_000);
        String alphabet = "()[]{}<>/\\'\"`$!?:;,.=+-*%&|^~@#0123456789abcXYZ \n\t";
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
