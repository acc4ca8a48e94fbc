package dev.creact.provider.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code aws} provider's settings from {@code creact.config.*} ({@code "providers": {"aws": {…}}}).
 * Credentials are deliberately not among them: they come from the SDK's default chain only (environment,
 * system properties, the shared profile files, SSO, web identity, container and instance roles), so they
 * never sit in the project's files.
 *
 * @param region         the region, or null for the SDK's region chain ({@code AWS_REGION}, the profile)
 * @param profile        the named profile of {@code ~/.aws/config} and {@code ~/.aws/credentials}, or null
 * @param endpoint       an endpoint for every service (LocalStack, a local stub), or null
 * @param endpoints      an endpoint per service ({@code s3}, {@code sqs}, {@code lambda}), before {@code endpoint}:
 *                       an S3-compatible server and an SQS-compatible one side by side
 * @param forcePathStyle S3 path-style addressing ({@code http://host/bucket/key}); always on with an S3 endpoint
 */
record AwsSettings(String region, String profile, URI endpoint, Map<String, URI> endpoints, boolean forcePathStyle) {
    /** The services {@code endpoints} may name. */
    static final java.util.Set<String> SERVICES = java.util.Set.of("s3", "sqs", "lambda");

    AwsSettings {
        endpoints = Map.copyOf(endpoints);
    }

    /** The settings as {@code creact info} lists them. */
    static final Map<String, String> DESCRIPTIONS;

    static {
        var d = new LinkedHashMap<String, String>();
        d.put("region", "the AWS region (default: AWS_REGION or the profile's region)");
        d.put("profile", "a named profile of ~/.aws/config and ~/.aws/credentials (default: AWS_PROFILE or 'default')");
        d.put("endpoint", "an endpoint URL for every service, for S3/SQS-compatible or local servers (turns on path-style S3)");
        d.put("endpoints", "an endpoint URL per service, {\"s3\": …, \"sqs\": …, \"lambda\": …}, before 'endpoint'");
        d.put("forcePathStyle", "S3 path-style addressing (http://host/bucket/key) without an endpoint override");
        DESCRIPTIONS = java.util.Collections.unmodifiableMap(d);
    }

    static AwsSettings from(ObjectNode settings) {
        String region = text(settings, "region");
        if (region != null && !region.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("creact.config: providers.aws.region must be a region name such as eu-west-1, not '" + region + "'");
        }
        URI uri = url("endpoint", text(settings, "endpoint"));
        var perService = new LinkedHashMap<String, URI>();
        JsonNode endpoints = settings.get("endpoints");
        if (endpoints != null && !endpoints.isNull()) {
            if (!endpoints.isObject()) {
                throw new IllegalArgumentException("creact.config: providers.aws.endpoints must be an object such as {\"s3\": \"http://127.0.0.1:9000\"}");
            }
            for (var e : endpoints.properties()) {
                if (!SERVICES.contains(e.getKey())) {
                    throw new IllegalArgumentException("creact.config: providers.aws.endpoints." + e.getKey()
                            + " is no service of this provider; it has " + new java.util.TreeSet<>(SERVICES));
                }
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException("creact.config: providers.aws.endpoints." + e.getKey() + " must be a URL string");
                }
                perService.put(e.getKey(), url("endpoints." + e.getKey(), e.getValue().asText()));
            }
        }
        JsonNode pathStyle = settings.get("forcePathStyle");
        if (pathStyle != null && !pathStyle.isNull() && !pathStyle.isBoolean()) {
            throw new IllegalArgumentException("creact.config: providers.aws.forcePathStyle must be true or false");
        }
        return new AwsSettings(region, text(settings, "profile"), uri, perService, pathStyle != null && pathStyle.asBoolean(false));
    }

    /** The endpoint for {@code service}: its own, else the common one, else null (AWS's). */
    URI endpointFor(String service) {
        return endpoints.getOrDefault(service, endpoint);
    }

    /** Path-style S3 addressing: asked for, or implied by an S3 endpoint (local servers have no bucket subdomains). */
    boolean pathStyle() {
        return forcePathStyle || endpointFor("s3") != null;
    }

    private static URI url(String setting, String endpoint) {
        if (endpoint == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("creact.config: providers.aws." + setting + " is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new IllegalArgumentException("creact.config: providers.aws." + setting + " must be an http:// or https:// URL with a host, not '"
                    + endpoint + "'");
        }
        return uri;
    }

    private static String text(ObjectNode settings, String name) {
        JsonNode v = settings.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("creact.config: providers.aws." + name + " must be a non-empty string");
        }
        return v.asText();
    }
}
