package dev.creact.provider.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code aws:s3:Object}: props {@code bucket} and {@code objectKey} (the S3 key; creact's own {@code key} names
 * the resource; a change of either replaces the object), {@code content} or {@code source} (a file under the
 * project root), {@code contentType}; outputs {@code etag}, {@code url}, {@code versionId}. A read reports
 * the object gone when it was deleted, and its content when it was overwritten behind creact's back.
 */
final class S3Objects implements AwsResourceType {
    /** Objects up to this size are read back to show drift of their content; larger ones only by ETag. */
    private static final long DRIFT_READ_LIMIT = 1 << 20;

    private final AwsClients clients;

    S3Objects(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        return put(request);
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        return put(request);
    }

    private ResourceResult put(ResourceRequest request) throws ProviderException {
        String bucket = AwsProps.required(request, "bucket");
        String key = AwsProps.required(request, "objectKey");
        String content = AwsProps.string(request, "content");
        String source = AwsProps.string(request, "source");
        if ((content == null) == (source == null)) {
            throw ProviderException.permanent("%s (%s): give exactly one of 'content' and 'source'".formatted(request.id(), request.type()));
        }
        RequestBody body = content != null ? RequestBody.fromString(content, StandardCharsets.UTF_8)
                : RequestBody.fromFile(sourceFile(request, source));
        String contentType = AwsProps.string(request, "contentType");
        var options = AwsCalls.options(request);
        PutObjectResponse put = clients.s3().putObject(b -> {
            b.bucket(bucket).key(key).overrideConfiguration(options);
            if (contentType != null) {
                b.contentType(contentType);
            }
        }, body);
        return result(bucket, key, put.eTag(), put.versionId());
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        String bucket = AwsProps.required(request, "bucket");
        String key = AwsProps.required(request, "objectKey");
        var options = AwsCalls.options(request);
        HeadObjectResponse head;
        try {
            head = clients.s3().headObject(b -> b.bucket(bucket).key(key).overrideConfiguration(options));
        } catch (S3Exception e) {
            if (AwsErrors.notFound(e, "NoSuchKey", "NoSuchBucket", "NotFound")) {
                return Optional.empty();
            }
            throw e;
        }
        var result = result(bucket, key, head.eTag(), head.versionId());
        String known = request.outputs().path("etag").asText(null);
        if (known != null && !known.equals(head.eTag()) && request.props().path("content").isTextual()
                && head.contentLength() != null && head.contentLength() <= DRIFT_READ_LIMIT) {
            // Overwritten behind creact's back: say with what, so a refresh shows the drift.
            var bytes = clients.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key).overrideConfiguration(options));
            ObjectNode observed = Json.mapper().createObjectNode();
            observed.put("content", bytes.asUtf8String());
            return Optional.of(result.withObserved(observed));
        }
        return Optional.of(result);
    }

    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        String bucket = AwsProps.required(request, "bucket");
        String key = AwsProps.required(request, "objectKey");
        var options = AwsCalls.options(request);
        try {
            clients.s3().deleteObject(b -> b.bucket(bucket).key(key).overrideConfiguration(options));
        } catch (S3Exception e) {
            if (!AwsErrors.notFound(e, "NoSuchKey", "NoSuchBucket")) {
                throw e;
            }
        }
    }

    private ResourceResult result(String bucket, String key, String etag, String versionId) {
        ObjectNode outputs = Json.mapper().createObjectNode();
        outputs.put("etag", etag);
        outputs.put("url", clients.s3().utilities().getUrl(b -> b.bucket(bucket).key(key)).toExternalForm());
        if (versionId == null || versionId.isEmpty()) {
            outputs.putNull("versionId");
        } else {
            outputs.put("versionId", versionId);
        }
        return new ResourceResult(outputs, null);
    }

    private static Path sourceFile(ResourceRequest request, String source) throws ProviderException {
        Path root = request.projectRoot().toAbsolutePath().normalize();
        Path file = root.resolve(source).normalize();
        if (!file.startsWith(root)) {
            throw ProviderException.permanent("%s (%s): source '%s' is outside the project folder".formatted(request.id(), request.type(), source));
        }
        if (!Files.isRegularFile(file)) {
            throw ProviderException.permanent("%s (%s): source '%s' is not a file (looked at %s)".formatted(request.id(), request.type(), source, file));
        }
        return file;
    }
}
