package dev.creact.engine.js;

import java.util.Random;

/** Random texts for the scans' equivalence tests: lines drawn from a list, ended by \n or now and then \r\n. */
public final class RandomLines {
    private RandomLines() {
    }

    /** Up to 39 lines of {@code lines}; half the texts lose their last line end. */
    public static String text(Random random, String[] lines) {
        var text = new StringBuilder();
        int count = random.nextInt(40);
        for (int i = 0; i < count; i++) {
            text.append(lines[random.nextInt(lines.length)]).append(random.nextInt(8) == 0 ? "\r\n" : "\n");
        }
        if (random.nextBoolean() && !text.isEmpty()) {
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }
}
