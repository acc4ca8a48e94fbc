package dev.creact.provider.aws;

import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Optional;

/** How one construct type ({@code aws:s3:Bucket}, …) is created, read, updated and deleted with the SDK. */
interface AwsResourceType {
    ResourceResult create(ResourceRequest request) throws ProviderException, SdkException;

    /** The resource as it exists now, empty when it is gone (deleted behind creact's back). */
    Optional<ResourceResult> read(ResourceRequest request) throws ProviderException, SdkException;

    ResourceResult update(ResourceRequest request) throws ProviderException, SdkException;

    /** Deletes; one that is gone already is no error. */
    void delete(ResourceRequest request) throws ProviderException, SdkException;
}
