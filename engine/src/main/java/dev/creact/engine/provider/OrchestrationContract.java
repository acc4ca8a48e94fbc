package dev.creact.engine.provider;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a provider plugin, its provider and an IaC adapter keep, checked when they are registered
 * (plugins when found, providers when opened): they create, read, update and delete one resource, and
 * nothing of the orchestration around that. Ordering, retries, checkpoints, state and rollback belong to
 * the deployer and the backend. A class that declares otherwise is refused with the rule it broke:
 * <ul>
 *   <li>{@value #NO_RETRIES}: no method or field about retrying ({@code retry}, {@code backoff},
 *   {@code attempts}…) and no {@code retry} capability; say a failure is transient instead
 *   ({@code ProviderException.transientFailure}) and the deployer retries it;</li>
 *   <li>{@value #NO_STATE}: no method that saves or loads state ({@code saveState}, {@code loadState},
 *   {@code checkpoint}…), no field that keeps state ({@code state}, {@code checkpoints}, {@code journal},
 *   or a CloudDOM or deployment record; what a resource needs between calls goes in its
 *   {@code providerData} or the {@link ResourceStore}) and no {@code state} capability;</li>
 *   <li>{@value #NO_ROLLBACK}: no method about rolling back ({@code rollback}, {@code undo},
 *   {@code revert}, {@code compensate}) and no {@code rollback} capability;</li>
 *   <li>{@value #NO_INTERNALS}: no field, method, constructor, superclass or interface whose type is one of
 *   the engine's internals (packages {@code deploy}, {@code backend}, {@code core}, {@code plan},
 *   {@code api}, {@code hotreload}, {@code render}, {@code js});</li>
 *   <li>{@value #ADAPTERS_EXTEND_BASE}: an IaC adapter extends {@code BaseAdapter}, whose final methods are
 *   the only way its work reaches the deployer.</li>
 * </ul>
 * These are checks of what a class declares, not a proof of what it does; the ArchUnit rules guard the
 * built-in providers' imports as well.
 */
public final class OrchestrationContract {
    public static final String NO_RETRIES = "no-retries";
    public static final String NO_STATE = "no-state";
    public static final String NO_ROLLBACK = "no-rollback";
    public static final String NO_INTERNALS = "no-engine-internals";
    public static final String ADAPTERS_EXTEND_BASE = "adapters-extend-base-adapter";

    private static final Pattern RETRY = Pattern.compile("retr(y|ies|ied|ying)|backoff|attempts?|redo");
    private static final Pattern STATE = Pattern.compile("(save|load|write|read|persist|store|restore)state|checkpoint|statefile");
    private static final Pattern FIELD_STATE = Pattern.compile("state|checkpoint|journal");
    /** creact's own state as values: a provider holding one is keeping state beside the backend. */
    private static final Set<String> STATE_TYPES = Set.of("dev.creact.engine.model.CloudDom",
            "dev.creact.engine.model.DeploymentState", "dev.creact.engine.model.StateSnapshot");
    private static final Pattern ROLLBACK = Pattern.compile("rollback|rolledback|undo|revert|compensat");
    private static final List<String> INTERNAL_PACKAGES = List.of("deploy", "backend", "core", "plan", "api", "hotreload",
            "render", "js").stream().map(p -> "dev.creact.engine." + p + ".").toList();
    private static final String ADAPTER_INTERFACE = "dev.creact.engine.adapters.IacAdapter";
    private static final String BASE_ADAPTER = "dev.creact.engine.adapters.BaseAdapter";
    /** The engine's own classes a plugin inherits from keep the rules by construction (and are checked by ArchUnit). */
    private static final Set<String> TRUSTED_BASES = Set.of(BASE_ADAPTER, Object.class.getName());

    private OrchestrationContract() {
    }

    /** Why {@code plugin} is refused ({@code "rule: what it declares"}), or null when it keeps the rules. */
    public static String violation(ProviderPlugin plugin) {
        for (String capability : plugin.capabilities()) {
            String c = capability.toLowerCase(Locale.ROOT);
            if (RETRY.matcher(c).find()) {
                return NO_RETRIES + ": it declares the capability '" + capability + "'; the deployer retries what a provider says is transient";
            }
            if (c.contains("state")) {
                return NO_STATE + ": it declares the capability '" + capability + "'; creact's backend keeps state";
            }
            if (ROLLBACK.matcher(c).find()) {
                return NO_ROLLBACK + ": it declares the capability '" + capability + "'; the deployer rolls back";
            }
        }
        if (implementsByName(plugin.getClass(), ADAPTER_INTERFACE) && !extendsByName(plugin.getClass(), BASE_ADAPTER)) {
            return ADAPTERS_EXTEND_BASE + ": " + plugin.getClass().getName() + " implements IacAdapter without extending BaseAdapter";
        }
        return violation(plugin.getClass());
    }

    /** A class's verdict, worked out once (providers are opened for every command and editor plan). */
    private static final ClassValue<java.util.Optional<String>> VERDICTS = new ClassValue<>() {
        @Override
        protected java.util.Optional<String> computeValue(Class<?> type) {
            return java.util.Optional.ofNullable(check(type));
        }
    };

    /** Why a plugin or provider class is refused, or null when it keeps the rules. */
    public static String violation(Class<?> type) {
        return VERDICTS.get(type).orElse(null);
    }

    private static String check(Class<?> type) {
        for (Class<?> c = type; c != null && !TRUSTED_BASES.contains(c.getName()); c = c.getSuperclass()) {
            String found = declared(c);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String declared(Class<?> c) {
        String where = c.getName();
        for (Class<?> i : c.getInterfaces()) {
            if (internal(i)) {
                return NO_INTERNALS + ": " + where + " implements " + i.getName();
            }
        }
        if (c.getSuperclass() != null && internal(c.getSuperclass())) {
            return NO_INTERNALS + ": " + where + " extends " + c.getSuperclass().getName();
        }
        for (Method m : c.getDeclaredMethods()) {
            if (m.isSynthetic()) {
                continue;
            }
            String name = m.getName().toLowerCase(Locale.ROOT);
            if (RETRY.matcher(name).find()) {
                return NO_RETRIES + ": " + where + " declares " + m.getName() + "(); a provider fails transiently and the deployer retries";
            }
            if (STATE.matcher(name).find()) {
                return NO_STATE + ": " + where + " declares " + m.getName() + "(); creact's backend keeps state, the deployer writes it";
            }
            if (ROLLBACK.matcher(name).find()) {
                return NO_ROLLBACK + ": " + where + " declares " + m.getName() + "(); the deployer rolls back";
            }
            var types = new ArrayList<Class<?>>(List.of(m.getParameterTypes()));
            types.add(m.getReturnType());
            for (Class<?> t : types) {
                if (internal(t)) {
                    return NO_INTERNALS + ": " + where + "." + m.getName() + " uses " + t.getName();
                }
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            for (Class<?> t : k.getParameterTypes()) {
                if (internal(t)) {
                    return NO_INTERNALS + ": " + where + "'s constructor takes " + t.getName();
                }
            }
        }
        for (Field f : c.getDeclaredFields()) {
            if (f.isSynthetic()) {
                continue;
            }
            String name = f.getName().toLowerCase(Locale.ROOT);
            if (internal(f.getType())) {
                return NO_INTERNALS + ": " + where + "." + f.getName() + " is a " + f.getType().getName();
            }
            if (RETRY.matcher(name).find()) {
                return NO_RETRIES + ": " + where + " has a field " + f.getName() + "; the deployer retries";
            }
            if (ROLLBACK.matcher(name).find()) {
                return NO_ROLLBACK + ": " + where + " has a field " + f.getName() + "; the deployer rolls back";
            }
            if (FIELD_STATE.matcher(name).find() || STATE_TYPES.contains(f.getType().getName())) {
                return NO_STATE + ": " + where + " keeps state in its field " + f.getName()
                        + "; what a resource needs between calls goes in its providerData or the ResourceStore";
            }
        }
        return null;
    }

    private static boolean internal(Class<?> t) {
        while (t.isArray()) {
            t = t.getComponentType();
        }
        String name = t.getName();
        return INTERNAL_PACKAGES.stream().anyMatch(name::startsWith);
    }

    private static boolean implementsByName(Class<?> type, String interfaceName) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(interfaceName) || implementsByName(i, interfaceName)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean extendsByName(Class<?> type, String className) {
        for (Class<?> c = type.getSuperclass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
