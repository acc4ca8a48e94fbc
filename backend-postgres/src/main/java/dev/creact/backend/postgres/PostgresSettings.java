package dev.creact.backend.postgres;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the PostgreSQL backend connects, as the configuration and the environment say:
 * {@code "backend": {"type": "postgres", "url": "jdbc:postgresql://host:5432/db", "schema": "creact",
 * "user": "…", "passwordEnv": "…"}}, or {@code CREACT_BACKEND_URL} in place of the url. The password is
 * never in the configuration file: it comes from the variable {@code passwordEnv} names, else from
 * {@code PGPASSWORD} (or from the URL in {@code CREACT_BACKEND_URL}, which is a secret of the CI then).
 *
 * @param jdbcUrl  the JDBC URL, as given or converted from {@code postgres://user:password@host/db}
 * @param display  the URL with any password taken out, for messages and {@code creact info}
 * @param schema   the schema creact's tables live in
 * @param user     the database user, or null for the driver's default (the URL's {@code user=} or the OS user)
 * @param password the password, or null
 * @param synchronousJournal whether each journal commit waits for the server's disk (setting
 *                 {@code "synchronousJournal": true}): an entry then survives a crash of the database's machine
 *                 too, at the cost of a flush per commit; by default it survives a crash of this process (as
 *                 the file journal's entries do) and is flushed within a few hundred milliseconds
 */
public record PostgresSettings(String jdbcUrl, String display, String schema, String user, String password,
                               boolean synchronousJournal) {
    /** The environment variable that names the backend in place of the configuration's url. */
    public static final String URL_VARIABLE = "CREACT_BACKEND_URL";
    public static final String DEFAULT_SCHEMA = "creact";

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&]password=)[^&]*");

    /** The same database with another schema. */
    public PostgresSettings withSchema(String other) {
        if (!SCHEMA.matcher(other).matches()) {
            throw new IllegalArgumentException("not a plain lower-case identifier: " + other);
        }
        return new PostgresSettings(jdbcUrl, display, other, user, password, synchronousJournal);
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + display + ", schema " + schema + "]";
    }

    /**
     * Reads the backend object of the configuration ({@code settings}, may be null) and the environment
     * ({@code env}, for the password); {@code url}, when not null, stands in for the configured url (it is
     * {@code CREACT_BACKEND_URL}'s).
     *
     * @throws IllegalArgumentException naming the setting that is wrong and what to write instead
     */
    public static PostgresSettings from(JsonNode settings, Map<String, String> env, String url) {
        String configured = text(settings, "url");
        if (url == null) {
            url = configured;
        }
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the postgres backend needs a \"url\" (\"backend\": {\"type\": \"postgres\", "
                    + "\"url\": \"jdbc:postgresql://host:5432/database\"}) or the environment variable " + URL_VARIABLE);
        }
        if (configured != null && PASSWORD_PARAM.matcher(configured).find()) {
            throw new IllegalArgumentException("the postgres backend's \"url\" in the configuration holds a password: "
                    + "take it out and set PGPASSWORD, or name another variable with \"passwordEnv\"");
        }
        String schema = text(settings, "schema");
        schema = schema == null ? DEFAULT_SCHEMA : schema;
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("the postgres backend's \"schema\" '" + schema
                    + "' is not a plain lower-case identifier (letters, digits and '_', at most 63 characters)");
        }
        String user = text(settings, "user");
        String password = null;
        String passwordEnv = text(settings, "passwordEnv");
        if (passwordEnv != null) {
            if (!ENV_NAME.matcher(passwordEnv).matches()) {
                throw new IllegalArgumentException("the postgres backend's \"passwordEnv\" must name an environment variable "
                        + "(letters, digits and '_'), not '" + passwordEnv + "'");
            }
            password = env.get(passwordEnv);
            if (password == null) {
                throw new IllegalArgumentException("the postgres backend's password is to come from the environment variable "
                        + passwordEnv + " (\"passwordEnv\"), which is not set");
            }
        } else if (env.get("PGPASSWORD") != null) {
            password = env.get("PGPASSWORD");
        }
        String jdbc;
        if (url.startsWith("jdbc:postgresql:")) {
            jdbc = url;
        } else if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            var converted = fromLibpqUrl(url);
            jdbc = converted[0];
            if (user == null && converted[1] != null) {
                user = converted[1];
            }
            if (password == null && converted[2] != null) {
                password = converted[2];
            }
        } else {
            throw new IllegalArgumentException("the postgres backend's url must start with jdbc:postgresql:// or postgres://, not '"
                    + redact(url) + "'");
        }
        boolean synchronousJournal = false;
        if (settings != null && settings.has("synchronousJournal")) {
            if (!settings.get("synchronousJournal").isBoolean()) {
                throw new IllegalArgumentException("the postgres backend's \"synchronousJournal\" must be true or false");
            }
            synchronousJournal = settings.get("synchronousJournal").asBoolean();
        }
        return new PostgresSettings(jdbc, redact(jdbc), schema, user, password, synchronousJournal);
    }

    private static String text(JsonNode settings, String name) {
        if (settings == null || !settings.hasNonNull(name)) {
            return null;
        }
        JsonNode v = settings.get(name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("the postgres backend's \"" + name + "\" must be a string");
        }
        return v.asText();
    }

    /** {@code postgres://user:password@host:port/db?params} as {jdbc url, user, password}. */
    private static String[] fromLibpqUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the postgres backend's url is not a valid URL: " + redact(url));
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new String[]{"jdbc:postgresql://" + host + port + path + query, user, password};
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL without a password (in user info or a {@code password=} parameter). */
    static String redact(String url) {
        String out = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return out.replaceFirst("^(postgres(?:ql)?://[^:/@]*):[^@/]*@", "$1:***@");
    }
}
