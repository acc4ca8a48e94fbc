package dev.creact.cli;

import dev.creact.engine.model.CancellationToken;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where human output goes and whether it is coloured. With {@code --json}, stdout carries the one JSON
 * document and people read stderr. Colour only on a terminal, never with NO_COLOR or {@code --no-color}.
 */
final class Terminal {
    private static final String RESET = "\u001b[0m";

    final PrintStream human;
    final PrintStream data;
    /** The command's stdin: a deploy's approval is read from it. */
    final InputStream in;
    private final boolean colour;
    private final boolean interactive;
    private final CancellationToken cancel;

    Terminal(GlobalOptions options) {
        // UTF-8 whatever the locale (CommandIo's streams are UTF-8); in-process they are System.out/err as they
        // are now (tests replace them), in the daemon the client's.
        var io = CommandIo.current();
        this.data = io.out();
        this.human = options.json ? io.err() : io.out();
        this.in = io.in();
        this.interactive = io.interactive();
        this.cancel = io.cancel();
        String noColor = System.getenv("NO_COLOR");
        this.colour = !options.noColor && (noColor == null || noColor.isEmpty()) && interactive && !options.json;
    }

    /** A person at a terminal can be asked and shown a live progress bar. */
    boolean interactive() {
        return interactive;
    }

    /**
     * Cancelled when the user stops the command: in the daemon by the client's Ctrl-C or its disconnect;
     * in-process never (Ctrl-C ends the process, and the journal tells the next command what was done).
     */
    CancellationToken cancellation() {
        return cancel;
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
