package dev.creact.provider.aws;

import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

import java.time.Duration;

/** What every SDK request of one provider call shares: the call's deadline as the SDK's API-call timeout. */
final class AwsCalls {
    private static final Duration LONGEST = Duration.ofMinutes(10);

    private AwsCalls() {
    }

    /** The request options for {@code request}'s call; a cancelled deployment stops before the next SDK call. */
    static AwsRequestOverrideConfiguration options(ResourceRequest request) throws ProviderException {
        if (request.context().cancelled()) {
            throw ProviderException.transientFailure(request.id() + " (" + request.type() + "): the deployment was cancelled");
        }
        Duration left = request.context().remaining();
        if (left.isZero()) {
            throw ProviderException.transientFailure(request.id() + " (" + request.type() + "): no time left before the call's deadline");
        }
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(left.compareTo(LONGEST) > 0 ? LONGEST : left).build();
    }
}
