package dev.creact.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where human output goes and whether it is coloured. With {@code --json}, stdout carries the one JSON
 * document and people read stderr. Colour only on a terminal, never with NO_COLOR or {@code --no-color}.
 */
final class Terminal {
    private static final String RESET = "\u001b[0m";

    final PrintStream human;
    final PrintStream data;
    private final boolean colour;

    Terminal(GlobalOptions options) {
        // UTF-8 whatever the locale; bytes pass through System.out/err unchanged (tests replace them).
        var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        var err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        this.data = out;
        this.human = options.json ? err : out;
        String noColor = System.getenv("NO_COLOR");
        var console = System.console();
        boolean tty = console != null && console.isTerminal();
        this.colour = !options.noColor && (noColor == null || noColor.isEmpty()) && tty && !options.json;
    }

    /** A person at a terminal can be asked and shown a live progress bar. */
    boolean interactive() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    String red(String s) {
        return paint("31", s);
    }

    String green(String s) {
        return paint("32", s);
    }

    String yellow(String s) {
        return paint("33", s);
    }

    String magenta(String s) {
        return paint("35", s);
    }

    String cyan(String s) {
        return paint("36", s);
    }

    String dim(String s) {
        return paint("2", s);
    }

    String bold(String s) {
        return paint("1", s);
    }

    private String paint(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + RESET : s;
    }
}
