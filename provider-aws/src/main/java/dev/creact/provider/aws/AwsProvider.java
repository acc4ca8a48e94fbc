package dev.creact.provider.aws;

import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code aws} provider: sends each call to its construct type's {@link AwsResourceType} and turns what
 * the SDK throws into transient or permanent failures ({@link AwsErrors}). It holds the SDK clients of one
 * command ({@link AwsClients}) and closes them with itself.
 */
final class AwsProvider implements Provider {
    private final AwsClients clients;
    private final Map<String, AwsResourceType> types;

    AwsProvider(AwsSettings settings) {
        this.clients = new AwsClients(settings);
        this.types = Map.of(
                AwsPlugin.BUCKET, new S3Buckets(clients),
                AwsPlugin.OBJECT, new S3Objects(clients),
                AwsPlugin.QUEUE, new SqsQueues(clients),
                AwsPlugin.FUNCTION, new LambdaFunctions(clients));
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public Set<String> typePatterns() {
        return types.keySet();
    }

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        try {
            return withoutObserved(type(request).create(request));
        } catch (SdkException e) {
            throw AwsErrors.mapped(request, "create", e);
        } catch (IllegalStateException e) {
            throw ProviderException.permanent(request.id() + " (" + request.type() + "): " + e.getMessage());
        }
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        try {
            return type(request).read(request);
        } catch (SdkException e) {
            throw AwsErrors.mapped(request, "read", e);
        } catch (IllegalStateException e) {
            throw ProviderException.permanent(request.id() + " (" + request.type() + "): " + e.getMessage());
        }
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        try {
            return withoutObserved(type(request).update(request));
        } catch (SdkException e) {
            throw AwsErrors.mapped(request, "update", e);
        } catch (IllegalStateException e) {
            throw ProviderException.permanent(request.id() + " (" + request.type() + "): " + e.getMessage());
        }
    }

    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        try {
            type(request).delete(request);
        } catch (SdkException e) {
            throw AwsErrors.mapped(request, "delete", e);
        } catch (IllegalStateException e) {
            throw ProviderException.permanent(request.id() + " (" + request.type() + "): " + e.getMessage());
        }
    }

    private AwsResourceType type(ResourceRequest request) throws ProviderException {
        AwsResourceType type = types.get(request.type());
        if (type == null) {
            throw ProviderException.permanent(request.id() + ": the aws provider has no construct type " + request.type()
                    + "; it handles " + new java.util.TreeSet<>(types.keySet()));
        }
        return type;
    }

    /** What a read observed belongs to reads; a create or update returns what it made. */
    private static ResourceResult withoutObserved(ResourceResult result) {
        return result.observed() == null ? result : new ResourceResult(result.outputs(), result.providerData());
    }

    @Override
    public void close() {
        clients.close();
    }
}
