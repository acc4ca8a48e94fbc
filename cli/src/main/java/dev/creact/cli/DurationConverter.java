package dev.creact.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Terraform and Go write them: a sequence of numbers with units, {@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 1h30m}; a plain {@code 0} is none.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        String v = value.strip();
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        if (!WHOLE.matcher(v).matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: write it as 30s, 5m, 1h30m or 500ms");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(v);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return total;
    }
}
