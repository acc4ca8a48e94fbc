package dev.creact.provider.aws;

import static dev.creact.engine.model.ConstructSchema.props;

import dev.creact.engine.model.ConstructSchema;
import dev.creact.engine.model.ConstructSchema.PropSpec;
import dev.creact.engine.provider.ConstructDeclaration;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderContext;
import dev.creact.engine.provider.ProviderPlugin;
import dev.creact.engine.providers.PluginResources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code aws} provider as a plugin ({@code creact/aws}): S3 buckets and objects, SQS queues and Lambda
 * functions through the AWS SDK for Java v2. Found by {@link java.util.ServiceLoader} from this module's
 * {@code META-INF/services}; settings region, profile, endpoint and forcePathStyle; credentials from the
 * SDK's default chain only.
 */
public final class AwsPlugin implements ProviderPlugin {
    static final String BUCKET = "aws:s3:Bucket";
    static final String OBJECT = "aws:s3:Object";
    static final String QUEUE = "aws:sqs:Queue";
    static final String FUNCTION = "aws:lambda:Function";

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public String description() {
        return "S3 buckets and objects, SQS queues and Lambda functions (AWS SDK for Java v2; credentials from its default chain)";
    }

    @Override
    public String moduleSpecifier() {
        return "creact/aws";
    }

    @Override
    public List<ConstructDeclaration> constructs() {
        return List.of(
                new ConstructDeclaration("S3Bucket", schema(BUCKET, props(
                        "bucket", new PropSpec("string", true, true, null).asExclusive(),
                        "tags", new PropSpec("object", false, false, true),
                        "versioning", new PropSpec("boolean", false, false, false)), List.of("arn", "name", "regionalDomainName")),
                        "An S3 bucket. Changing its name replaces it; tags and versioning update it in place."),
                new ConstructDeclaration("S3Object", schema(OBJECT, props(
                        "bucket", new PropSpec("string", true, true, null),
                        "objectKey", new PropSpec("string", true, true, null),
                        "content", new PropSpec("string", false, false, true),
                        "source", new PropSpec("string", false, false, true),
                        "contentType", new PropSpec("string", false, false, true)), List.of("etag", "url", "versionId")),
                        "An object in an S3 bucket, from `content` or a `source` file; `objectKey` is its S3 key."),
                new ConstructDeclaration("SqsQueue", schema(QUEUE, props(
                        "name", new PropSpec("string", true, true, null).asExclusive(),
                        "fifo", new PropSpec("boolean", false, true, null),
                        "visibilityTimeout", new PropSpec("number", false, false, true),
                        "attributes", new PropSpec("object", false, false, false)), List.of("url", "arn")),
                        "An SQS queue. Its name and fifo replace it; the visibility timeout is safe to change."),
                new ConstructDeclaration("LambdaFunction", schema(FUNCTION, props(
                        "name", new PropSpec("string", true, true, null).asExclusive(),
                        "imageUri", new PropSpec("string", false, false, false),
                        "zipFile", new PropSpec("string", false, false, false),
                        "handler", new PropSpec("string", false, false, false),
                        "runtime", new PropSpec("string", false, false, false),
                        "role", new PropSpec("string", true, false, false),
                        "memoryMb", new PropSpec("number", false, false, true),
                        "timeoutS", new PropSpec("number", false, false, true),
                        "environment", new PropSpec("object", false, false, false)), List.of("arn", "version")),
                        "A Lambda function from a container image or a zip file; memory and timeout are safe to change."));
    }

    private static ConstructSchema schema(String type, LinkedHashMap<String, PropSpec> props, List<String> outputs) {
        return new ConstructSchema(type, props, outputs, false, false);
    }


    @Override
    public String typeScriptDeclarations() {
        return PluginResources.text(AwsPlugin.class, "/dev/creact/provider/aws/aws.d.ts");
    }

    @Override
    public Map<String, String> settings() {
        return AwsSettings.DESCRIPTIONS;
    }

    @Override
    public Provider open(ProviderContext context) {
        return new AwsProvider(AwsSettings.from(context.settings()));
    }
}
