package dev.creact.provider.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The SDK clients of one provider: one {@link SdkHttpClient} (Apache, pooled) shared by S3, SQS and Lambda,
 * each service client made on first use (a command whose tree has no {@code aws:} resource makes none, so it
 * needs neither region nor credentials), all closed with the provider.
 *
 * <p>The SDK's own retries are turned off: the deployer retries what {@link AwsErrors} calls transient, with
 * its journal and back-off, so a throttled call is not retried twice over.
 */
final class AwsClients implements AutoCloseable {
    /** Enough connections for the deployer's parallelism (and a few reads beside it). */
    private static final int MAX_CONNECTIONS = 64;

    private final AwsSettings settings;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private SdkHttpClient http;
    private S3Client s3;
    private SqsClient sqs;
    private LambdaClient lambda;
    private boolean closed;

    AwsClients(AwsSettings settings) {
        this.settings = settings;
    }

    synchronized S3Client s3() {
        if (s3 == null) {
            s3 = made(configured(S3Client.builder(), "s3").forcePathStyle(settings.pathStyle()).build());
        }
        return s3;
    }

    synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = made(configured(SqsClient.builder(), "sqs").build());
        }
        return sqs;
    }

    synchronized LambdaClient lambda() {
        if (lambda == null) {
            lambda = made(configured(LambdaClient.builder(), "lambda").build());
        }
        return lambda;
    }

    AwsSettings settings() {
        return settings;
    }

    private <T extends AutoCloseable> T made(T client) {
        opened.add(client);
        return client;
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configured(B builder, String service) {
        if (closed) {
            throw new IllegalStateException("the aws provider was closed");
        }
        if (http == null) {
            http = made(ApacheHttpClient.builder().maxConnections(MAX_CONNECTIONS)
                    .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)).build());
        }
        builder.httpClient(http);
        builder.region(region());
        builder.credentialsProvider(credentials());
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry()).build());
        if (settings.endpointFor(service) != null) {
            builder.endpointOverride(settings.endpointFor(service));
        }
        return builder;
    }

    private Region region() {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        try {
            var chain = settings.profile() == null ? DefaultAwsRegionProviderChain.builder().build()
                    : DefaultAwsRegionProviderChain.builder().profileName(settings.profile()).build();
            return chain.getRegion();
        } catch (SdkClientException e) {
            throw new IllegalStateException("aws: no region: set \"providers\": {\"aws\": {\"region\": \"…\"}} in creact.config.json"
                    + " or AWS_REGION, or give the profile a region", e);
        }
    }

    /** The SDK's default chain only; a profile setting picks the profile within it. */
    private AwsCredentialsProvider credentials() {
        Supplier<DefaultCredentialsProvider.Builder> chain = DefaultCredentialsProvider::builder;
        return settings.profile() == null ? chain.get().build() : chain.get().profileName(settings.profile()).build();
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // closing the rest matters more than a client that failed to close
            }
        }
        opened.clear();
    }
}
