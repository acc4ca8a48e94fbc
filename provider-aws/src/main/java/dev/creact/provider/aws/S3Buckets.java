package dev.creact.provider.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

import java.util.Map;
import java.util.Optional;

/**
 * {@code aws:s3:Bucket}: props {@code bucket} (the name; a change replaces it), {@code tags}, {@code versioning};
 * outputs {@code arn}, {@code name}, {@code regionalDomainName}. Tags and versioning are only sent when given,
 * so S3-compatible servers without those APIs still take a plain bucket.
 */
final class S3Buckets implements AwsResourceType {
    private final AwsClients clients;

    S3Buckets(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        String bucket = AwsProps.required(request, "bucket");
        var s3 = clients.s3();
        Region region = s3.serviceClientConfiguration().region();
        var options = options(request);
        s3.createBucket(b -> {
            b.bucket(bucket).overrideConfiguration(options);
            if (!Region.US_EAST_1.equals(region) && clients.settings().endpointFor("s3") == null) {
                b.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(region.id())));
            }
        });
        Map<String, String> tags = applyTags(request, bucket, Map.of());
        boolean versioning = AwsProps.bool(request, "versioning");
        if (versioning) {
            applyVersioning(request, bucket, true);
        }
        return result(bucket, tags, versioning);
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        String bucket = AwsProps.required(request, "bucket");
        var options = options(request);
        try {
            clients.s3().headBucket(b -> b.bucket(bucket).overrideConfiguration(options));
        } catch (S3Exception e) {
            if (AwsErrors.notFound(e, "NoSuchBucket", "NotFound")) {
                return Optional.empty();
            }
            throw e;
        }
        // Tags and versioning are not read back: only existence is checked (a deleted bucket reads as gone).
        var applied = request.providerData();
        return Optional.of(result(bucket, applied == null ? Map.of() : tags(applied), applied != null && applied.path("versioning").asBoolean(false)));
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        String bucket = AwsProps.required(request, "bucket");
        var applied = request.providerData();
        Map<String, String> tags = applyTags(request, bucket, applied == null ? Map.of() : tags(applied));
        boolean wanted = AwsProps.bool(request, "versioning");
        if (wanted != (applied != null && applied.path("versioning").asBoolean(false))) {
            applyVersioning(request, bucket, wanted);
        }
        return result(bucket, tags, wanted);
    }

    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        String bucket = AwsProps.required(request, "bucket");
        var options = options(request);
        try {
            clients.s3().deleteBucket(b -> b.bucket(bucket).overrideConfiguration(options));
        } catch (S3Exception e) {
            if (!AwsErrors.notFound(e, "NoSuchBucket")) {
                throw e;
            }
        }
    }

    /** Puts the declared tags when they differ from those applied last; returns them. */
    private Map<String, String> applyTags(ResourceRequest request, String bucket, Map<String, String> before) throws ProviderException {
        Map<String, String> tags = AwsProps.strings(request, "tags");
        if (tags.equals(before)) {
            return tags;
        }
        var options = options(request);
        if (tags.isEmpty()) {
            clients.s3().deleteBucketTagging(b -> b.bucket(bucket).overrideConfiguration(options));
            return tags;
        }
        var list = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        clients.s3().putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(list)).overrideConfiguration(options));
        return tags;
    }

    private static Map<String, String> tags(com.fasterxml.jackson.databind.JsonNode applied) {
        var map = new java.util.LinkedHashMap<String, String>();
        applied.path("tags").properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private void applyVersioning(ResourceRequest request, String bucket, boolean enabled) throws ProviderException {
        var options = options(request);
        clients.s3().putBucketVersioning(b -> b.bucket(bucket).overrideConfiguration(options)
                .versioningConfiguration(v -> v.status(enabled ? BucketVersioningStatus.ENABLED : BucketVersioningStatus.SUSPENDED)));
    }

    /** The outputs, and what was applied (tags, versioning) as provider data, to compare with at the next update. */
    private ResourceResult result(String bucket, Map<String, String> tags, boolean versioning) {
        String region = clients.s3().serviceClientConfiguration().region().id();
        ObjectNode outputs = Json.mapper().createObjectNode();
        outputs.put("arn", "arn:aws:s3:::" + bucket);
        outputs.put("name", bucket);
        outputs.put("regionalDomainName", bucket + ".s3." + region + ".amazonaws.com");
        ObjectNode applied = Json.mapper().createObjectNode();
        ObjectNode t = applied.putObject("tags");
        tags.forEach(t::put);
        applied.put("versioning", versioning);
        return new ResourceResult(outputs, applied);
    }

    private static software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration options(ResourceRequest request) throws ProviderException {
        return AwsCalls.options(request);
    }
}
