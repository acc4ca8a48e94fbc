package dev.creact.engine.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the provider for a construct type by the providers' patterns ({@code *} matches any run of
 * characters). The most specific pattern wins (fewest wildcards, then longest); ties go to the provider
 * registered first.
 */
public final class ProviderRouter {
    private record Route(String pattern, Pattern regex, Provider provider, int order) {
    }

    private final List<Route> routes = new ArrayList<>();

    public ProviderRouter(List<Provider> providers) {
        int order = 0;
        for (Provider p : providers) {
            for (String pattern : p.typePatterns()) {
                routes.add(new Route(pattern, compile(pattern), p, order++));
            }
        }
    }

    /** Whether the type pattern {@code glob} ({@code *} for any text) matches {@code type}. */
    static boolean matches(String glob, String type) {
        return compile(glob).matcher(type).matches();
    }

    private static Pattern compile(String glob) {
        var sb = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!sb.isEmpty() || glob.startsWith("*")) {
                sb.append(".*");
            }
            sb.append(Pattern.quote(part));
        }
        return Pattern.compile(sb.toString().replace("\\Q\\E", ""));
    }

    public Optional<Provider> route(String type) {
        Route best = null;
        for (Route r : routes) {
            if (!r.regex().matcher(type).matches()) {
                continue;
            }
            if (best == null || specificity(r) > specificity(best)
                    || specificity(r) == specificity(best) && r.order() < best.order()) {
                best = r;
            }
        }
        return Optional.ofNullable(best).map(Route::provider);
    }

    private static long specificity(Route r) {
        long wildcards = r.pattern().chars().filter(c -> c == '*').count();
        return (100 - wildcards) * 1000 + r.pattern().length();
    }

    public List<Provider> providers() {
        return routes.stream().map(Route::provider).distinct().toList();
    }
}
