package dev.creact.engine.providers.local;

import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resources on this machine: {@code local:File}, {@code local:Directory}, {@code local:RandomId} and
 * {@code local:Exec}. Holds no state of its own (paths come from each request's project root), so one
 * instance serves every project and every thread.
 */
public final class LocalProvider implements Provider {
    private final Map<String, LocalHandler> handlers = new TreeMap<>(Map.of(
            "local:File", new LocalFiles(),
            "local:Directory", new LocalDirectories(),
            "local:RandomId", new RandomIds(),
            "local:Exec", new Execs()));

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Set<String> typePatterns() {
        return Set.of("local:*");
    }

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        return handler(request).create(request);
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        return handler(request).read(request);
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        return handler(request).update(request);
    }

    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        handler(request).delete(request);
    }

    @Override
    public Optional<ResourceResult> importExisting(ResourceRequest request, String providerId) throws ProviderException {
        return handler(request).importExisting(request, providerId);
    }

    private LocalHandler handler(ResourceRequest request) throws ProviderException {
        LocalHandler handler = handlers.get(request.type());
        if (handler == null) {
            throw ProviderException.permanent("%s: unknown construct type %s; the local provider handles %s"
                    .formatted(request.id(), request.type(), String.join(", ", handlers.keySet())));
        }
        return handler;
    }
}
