package dev.creact.engine.plan;

import dev.creact.engine.model.Change;
import dev.creact.engine.model.ChangeSet;
import dev.creact.engine.model.PropChange;
import dev.creact.engine.model.Safety;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Classifies every change of a change set as safe (dev mode applies it at once) or unsafe (dev mode asks
 * first), before any provider is called. Creates, deletes and replacements are always unsafe: they make or
 * destroy something. An update is safe only when every prop it changes is declared {@code safe: true} by
 * its construct (sizing, timeouts, file content); a prop declared {@code safe: false} or not declared at
 * all makes it unsafe, so a construct that says nothing is asked about.
 *
 * <p>The rules come from the construct schemas of the build alone. Providers take no part: the SPI gives
 * them no way to see, veto or change a classification (an architecture test keeps this package free of
 * the provider SPI).
 */
public final class ChangeSetSafety {
    /** What a construct declares about its props: true safe, false unsafe, null not declared. */
    @FunctionalInterface
    public interface Rules {
        Rules NONE = (type, prop) -> null;

        Boolean declaredSafe(String type, String prop);
    }

    /** Props that order deploys but never reach a provider. */
    private static final String DEPENDS_ON = "dependsOn";

    private final Rules rules;

    public ChangeSetSafety(Rules rules) {
        this.rules = rules;
    }

    public Safety classify(Change change) {
        return switch (change.action()) {
            case CREATE -> Safety.unsafe("creates a resource");
            case DELETE -> Safety.unsafe("deletes a resource");
            case REPLACE -> Safety.unsafe("replaces the resource (" + String.join(", ", change.replaceReasons()) + ")");
            case UPDATE -> classifyUpdate(change);
        };
    }

    private Safety classifyUpdate(Change change) {
        var safe = new TreeSet<String>();
        var unsafe = new TreeSet<String>();
        var undeclared = new TreeSet<String>();
        for (PropChange p : change.changedProps()) {
            String prop = Reconciler.topLevel(p.path());
            if (prop.equals(DEPENDS_ON)) {
                safe.add(prop);
                continue;
            }
            Boolean declared = rules.declaredSafe(change.type(), prop);
            if (declared == null) {
                undeclared.add(prop);
            } else if (declared) {
                safe.add(prop);
            } else {
                unsafe.add(prop);
            }
        }
        if (unsafe.isEmpty() && undeclared.isEmpty()) {
            return Safety.safe(String.join(", ", safe) + (safe.size() == 1 ? " is" : " are") + " declared safe by "
                    + change.type());
        }
        var parts = new ArrayList<String>();
        if (!unsafe.isEmpty()) {
            parts.add(String.join(", ", unsafe) + (unsafe.size() == 1 ? " is" : " are") + " declared unsafe by "
                    + change.type());
        }
        if (!undeclared.isEmpty()) {
            parts.add(String.join(", ", undeclared) + (undeclared.size() == 1 ? " is" : " are") + " not declared safe by "
                    + change.type());
        }
        return Safety.unsafe(String.join("; ", parts));
    }

    /** The same change set with every change classified. */
    public ChangeSet classifyAll(ChangeSet changes) {
        return new ChangeSet(classified(changes.creates()), classified(changes.updates()), classified(changes.replaces()),
                classified(changes.deletes()), changes.unchanged(), changes.moves());
    }

    private List<Change> classified(List<Change> changes) {
        return changes.stream().map(c -> c.withSafety(classify(c))).toList();
    }
}
