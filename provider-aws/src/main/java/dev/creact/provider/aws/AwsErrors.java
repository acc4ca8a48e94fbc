package dev.creact.provider.aws;

import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Set;

/**
 * Turns what the SDK throws into a {@link ProviderException} that names the resource and carries AWS's own
 * code and message, transient when trying again may help (throttling, 5xx, a timeout or a connection that
 * failed, a Lambda function busy with an update) and permanent otherwise (access denied, validation, a
 * bucket that is not empty). The deployer retries the transient ones; the SDK itself never retries.
 */
final class AwsErrors {
    /** Codes AWS uses for "slow down" or "busy, try again", whatever the HTTP status says. */
    private static final Set<String> TRANSIENT_CODES = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottled", "RequestThrottledException", "TooManyRequestsException", "SlowDown", "RequestLimitExceeded",
            "ProvisionedThroughputExceededException", "RequestTimeout", "RequestTimeoutException", "ServiceUnavailable",
            "InternalError", "InternalFailure", "ResourceConflictException", "OperationAborted",
            "AWS.SimpleQueueService.QueueDeletedRecently", "QueueDeletedRecently");

    private AwsErrors() {
    }

    static ProviderException mapped(ResourceRequest request, String action, SdkException e) {
        String where = request.id() + " (" + request.type() + "): " + action + ": ";
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            String message = s.awsErrorDetails() == null || s.awsErrorDetails().errorMessage() == null
                    ? firstLine(s.getMessage()) : s.awsErrorDetails().errorMessage();
            int status = s.statusCode();
            boolean transientFailure = status >= 500 || status == 429 || s.isThrottlingException()
                    || (code != null && TRANSIENT_CODES.contains(code));
            String text = where + (code == null ? "" : code + ": ") + message + " (HTTP " + status
                    + (s.requestId() == null ? "" : ", request " + s.requestId()) + ")";
            return new ProviderException(text, transientFailure, e);
        }
        if (e instanceof ApiCallTimeoutException) {
            return new ProviderException(where + "timed out: " + firstLine(e.getMessage()), true, e);
        }
        if (e instanceof SdkClientException c && credentialsMissing(c)) {
            return new ProviderException(where + firstLine(c.getMessage())
                    + " (creact takes AWS credentials from the SDK's default chain only: AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws/credentials, SSO, or an instance or container role)", false, e);
        }
        // A connection refused or reset, an unknown host, a read timeout: the network, not the request.
        return new ProviderException(where + firstLine(e.getMessage()), true, e);
    }

    /** Whether the service said the thing is not there (read: gone; delete: already done). */
    static boolean notFound(SdkException e, String... codes) {
        if (!(e instanceof AwsServiceException s)) {
            return false;
        }
        if (s.statusCode() == 404) {
            return true;
        }
        String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
        return code != null && Set.of(codes).contains(code);
    }

    private static boolean credentialsMissing(SdkClientException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Unable to load credentials") || m.contains("credentials provider");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
