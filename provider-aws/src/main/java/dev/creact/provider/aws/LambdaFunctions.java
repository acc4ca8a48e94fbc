package dev.creact.provider.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PackageType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aws:lambda:Function}: props {@code name} (a change replaces it), {@code imageUri} or {@code zipFile}
 * (a file under the project root, with {@code handler} and {@code runtime}), {@code role}, {@code memoryMb}
 * and {@code timeoutS} (safe to change), {@code environment}; outputs {@code arn} and {@code version} (each
 * create and code update publishes a version). A busy function (an update in progress) fails transiently,
 * so the deployer tries again.
 */
final class LambdaFunctions implements AwsResourceType {
    private final AwsClients clients;

    LambdaFunctions(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        String name = AwsProps.required(request, "name");
        String role = AwsProps.required(request, "role");
        FunctionCode code = code(request);
        boolean image = code.imageUri() != null;
        Integer memory = AwsProps.whole(request, "memoryMb", 128, 10_240);
        Integer timeout = AwsProps.whole(request, "timeoutS", 1, 900);
        Map<String, String> environment = AwsProps.strings(request, "environment");
        String handler = AwsProps.string(request, "handler");
        String runtime = AwsProps.string(request, "runtime");
        if (!image && (handler == null || runtime == null)) {
            throw ProviderException.permanent("%s (%s): a zip function needs 'handler' and 'runtime'".formatted(request.id(), request.type()));
        }
        var options = AwsCalls.options(request);
        var created = clients.lambda().createFunction(b -> {
            b.functionName(name).role(role).code(code).publish(true).overrideConfiguration(options)
                    .packageType(image ? PackageType.IMAGE : PackageType.ZIP)
                    .memorySize(memory).timeout(timeout).environment(e -> e.variables(environment));
            if (!image) {
                b.handler(handler).runtime(runtime);
            }
        });
        return result(created.functionArn(), created.version(), null).withCode(codeDigest(request));
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        String name = AwsProps.required(request, "name");
        var options = AwsCalls.options(request);
        FunctionConfiguration found;
        try {
            found = clients.lambda().getFunction(b -> b.functionName(name).overrideConfiguration(options)).configuration();
        } catch (LambdaException e) {
            if (AwsErrors.notFound(e, "ResourceNotFoundException")) {
                return Optional.empty();
            }
            throw e;
        }
        ObjectNode observed = Json.mapper().createObjectNode();
        if (found.memorySize() != null && request.props().has("memoryMb")) {
            observed.put("memoryMb", found.memorySize());
        }
        if (found.timeout() != null && request.props().has("timeoutS")) {
            observed.put("timeoutS", found.timeout());
        }
        String version = request.outputs().path("version").asText(found.version());
        String code = request.providerData() == null ? null : request.providerData().path("code").asText(null);
        return Optional.of(result(found.functionArn(), version, observed.isEmpty() ? null : observed).withCode(code));
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        String name = AwsProps.required(request, "name");
        String role = AwsProps.required(request, "role");
        Integer memory = AwsProps.whole(request, "memoryMb", 128, 10_240);
        Integer timeout = AwsProps.whole(request, "timeoutS", 1, 900);
        Map<String, String> environment = AwsProps.strings(request, "environment");
        String handler = AwsProps.string(request, "handler");
        String runtime = AwsProps.string(request, "runtime");
        var options = AwsCalls.options(request);
        var configured = clients.lambda().updateFunctionConfiguration(b -> {
            b.functionName(name).role(role).memorySize(memory).timeout(timeout)
                    .environment(e -> e.variables(environment)).overrideConfiguration(options);
            if (handler != null) {
                b.handler(handler);
            }
            if (runtime != null) {
                b.runtime(runtime);
            }
        });
        String arn = configured.functionArn();
        String version = request.outputs().path("version").asText(configured.version());
        String codeNow = codeDigest(request);
        String codeBefore = request.providerData() == null ? null : request.providerData().path("code").asText(null);
        if (!codeNow.equals(codeBefore)) {
            FunctionCode code = code(request);
            var updated = clients.lambda().updateFunctionCode(b -> b.functionName(name).imageUri(code.imageUri())
                    .zipFile(code.zipFile()).publish(true).overrideConfiguration(options));
            arn = updated.functionArn();
            version = updated.version();
        }
        return result(arn, version, null).withCode(codeNow);
    }

    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        String name = AwsProps.required(request, "name");
        var options = AwsCalls.options(request);
        try {
            clients.lambda().deleteFunction(b -> b.functionName(name).overrideConfiguration(options));
        } catch (LambdaException e) {
            if (!AwsErrors.notFound(e, "ResourceNotFoundException")) {
                throw e;
            }
        }
    }

    private static FunctionCode code(ResourceRequest request) throws ProviderException {
        String imageUri = AwsProps.string(request, "imageUri");
        String zipFile = AwsProps.string(request, "zipFile");
        if ((imageUri == null) == (zipFile == null)) {
            throw ProviderException.permanent("%s (%s): give exactly one of 'imageUri' and 'zipFile'".formatted(request.id(), request.type()));
        }
        if (imageUri != null) {
            return FunctionCode.builder().imageUri(imageUri).build();
        }
        return FunctionCode.builder().zipFile(SdkBytes.fromByteArray(zipBytes(request, zipFile))).build();
    }

    /** What the code is (image URI, or the zip's SHA-256), kept to tell whether an update must upload code. */
    private static String codeDigest(ResourceRequest request) throws ProviderException {
        String imageUri = AwsProps.string(request, "imageUri");
        if (imageUri != null) {
            return "image:" + imageUri;
        }
        String zipFile = AwsProps.string(request, "zipFile");
        if (zipFile == null) {
            throw ProviderException.permanent("%s (%s): give exactly one of 'imageUri' and 'zipFile'".formatted(request.id(), request.type()));
        }
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256").digest(zipBytes(request, zipFile));
            return "zip:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] zipBytes(ResourceRequest request, String zipFile) throws ProviderException {
        Path root = request.projectRoot().toAbsolutePath().normalize();
        Path file = root.resolve(zipFile).normalize();
        if (!file.startsWith(root)) {
            throw ProviderException.permanent("%s (%s): zipFile '%s' is outside the project folder".formatted(request.id(), request.type(), zipFile));
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw ProviderException.permanent("%s (%s): cannot read zipFile '%s': %s".formatted(request.id(), request.type(), zipFile, e.getMessage()));
        }
    }

    private static Result result(String arn, String version, ObjectNode observed) {
        ObjectNode outputs = Json.mapper().createObjectNode();
        outputs.put("arn", arn);
        outputs.put("version", version);
        return new Result(outputs, observed);
    }

    /** A function's outputs, with what a read observed, and the code digest once known. */
    private record Result(ObjectNode outputs, ObjectNode observed) {
        ResourceResult withCode(String digest) {
            if (digest == null) {
                return new ResourceResult(outputs, null, observed);
            }
            ObjectNode data = Json.mapper().createObjectNode();
            data.put("code", digest);
            return new ResourceResult(outputs, data, observed);
        }
    }
}
