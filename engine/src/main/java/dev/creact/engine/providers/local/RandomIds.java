package dev.creact.engine.providers.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code local:RandomId}: random bytes generated once and then kept in the resource's provider data.
 * It exists only in creact's state, so "exists" means "the state holds its value"; a change of
 * {@code bytes} or {@code keepers} is a replacement, which the planner decides.
 */
final class RandomIds implements LocalHandler {
    /** An id is a name, not key material; anything larger is almost certainly a typo. */
    private static final long MAX_BYTES = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        long bytes = Props.positiveLong(request, "bytes", -1);
        if (bytes < 1 || bytes > MAX_BYTES) {
            throw ProviderException.permanent("%s (%s): prop 'bytes' must be between 1 and %d, got %s"
                    .formatted(request.id(), request.type(), MAX_BYTES, request.props().get("bytes")));
        }
        byte[] random = new byte[(int) bytes];
        RANDOM.nextBytes(random);
        return result(HexFormat.of().formatHex(random));
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) {
        return stored(request).map(RandomIds::result);
    }

    /** Adopts an id generated elsewhere: the provider id is its hex value. */
    @Override
    public Optional<ResourceResult> importExisting(ResourceRequest request, String providerId) throws ProviderException {
        if (!providerId.matches("([0-9a-f]{2})+")) {
            throw ProviderException.permanent("%s (%s): to import a random id, give its value as hex, not %s"
                    .formatted(request.id(), request.type(), providerId));
        }
        return Optional.of(result(providerId).withObserved(JsonNodeFactory.instance.objectNode()
                .put("bytes", providerId.length() / 2)));
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        return result(stored(request).orElseThrow(() -> ProviderException.permanent(
                "%s (%s): no generated value is recorded for it, so it cannot be updated; replace it instead"
                        .formatted(request.id(), request.type()))));
    }

    @Override
    public void delete(ResourceRequest request) {
        // nothing outside creact's state to remove
    }

    /** The value kept at create; without it the id does not exist (a create that never finished). */
    private static Optional<String> stored(ResourceRequest request) {
        JsonNode hex = request.providerData() == null ? null : request.providerData().get("hex");
        return hex != null && hex.isTextual() && !hex.asText().isEmpty() ? Optional.of(hex.asText()) : Optional.empty();
    }

    private static ResourceResult result(String hex) {
        ObjectNode outputs = JsonNodeFactory.instance.objectNode().put("hex", hex);
        return new ResourceResult(outputs, JsonNodeFactory.instance.objectNode().put("hex", hex));
    }
}
