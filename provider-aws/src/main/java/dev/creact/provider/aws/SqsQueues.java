package dev.creact.provider.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aws:sqs:Queue}: props {@code name} and {@code fifo} (a change of either replaces the queue),
 * {@code visibilityTimeout} in seconds (safe to change), {@code attributes} (any other SQS attribute by its
 * AWS name); outputs {@code url}, {@code arn}. A read reports the queue gone when it was deleted, and its
 * visibility timeout as found.
 */
final class SqsQueues implements AwsResourceType {
    private static final String[] GONE = {"AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"};

    private final AwsClients clients;

    SqsQueues(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        String name = name(request);
        var attributes = attributes(request, true);
        var options = AwsCalls.options(request);
        String url = clients.sqs().createQueue(b -> b.queueName(name).attributesWithStrings(attributes).overrideConfiguration(options)).queueUrl();
        return result(request, url).orElseThrow(() -> ProviderException.transientFailure(
                request.id() + " (" + request.type() + "): queue " + name + " was created but cannot be read yet"));
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        String name = name(request);
        var options = AwsCalls.options(request);
        String url;
        try {
            url = clients.sqs().getQueueUrl(b -> b.queueName(name).overrideConfiguration(options)).queueUrl();
        } catch (SqsException e) {
            if (AwsErrors.notFound(e, GONE)) {
                return Optional.empty();
            }
            throw e;
        }
        return result(request, url);
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        String url = request.outputs().path("url").asText(null);
        if (url == null) {
            url = read(request).orElseThrow(() -> ProviderException.permanent(
                    request.id() + " (" + request.type() + "): the queue to update does not exist")).outputs().path("url").asText();
        }
        var attributes = attributes(request, false);
        if (!attributes.isEmpty()) {
            String target = url;
            var options = AwsCalls.options(request);
            clients.sqs().setQueueAttributes(b -> b.queueUrl(target).attributesWithStrings(attributes).overrideConfiguration(options));
        }
        String target = url;
        return result(request, target).orElseThrow(() -> ProviderException.permanent(
                request.id() + " (" + request.type() + "): the queue is gone"));
    }

    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        String url = request.outputs().path("url").asText(null);
        var options = AwsCalls.options(request);
        try {
            if (url == null) {
                String name = name(request);
                url = clients.sqs().getQueueUrl(b -> b.queueName(name).overrideConfiguration(options)).queueUrl();
            }
            String target = url;
            clients.sqs().deleteQueue(b -> b.queueUrl(target).overrideConfiguration(options));
        } catch (SqsException e) {
            if (!AwsErrors.notFound(e, GONE)) {
                throw e;
            }
        }
    }

    private static String name(ResourceRequest request) throws ProviderException {
        String name = AwsProps.required(request, "name");
        if (AwsProps.bool(request, "fifo") != name.endsWith(".fifo")) {
            throw ProviderException.permanent("%s (%s): a FIFO queue's name ends with '.fifo' and only a FIFO queue's does (name '%s', fifo %s)"
                    .formatted(request.id(), request.type(), name, AwsProps.bool(request, "fifo")));
        }
        return name;
    }

    /** The attributes to send: the free-form ones, the visibility timeout and (at create only) FifoQueue. */
    private static Map<String, String> attributes(ResourceRequest request, boolean creating) throws ProviderException {
        var attributes = new LinkedHashMap<>(AwsProps.strings(request, "attributes"));
        Integer visibility = AwsProps.whole(request, "visibilityTimeout", 0, 43_200);
        if (visibility != null) {
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT.toString(), Integer.toString(visibility));
        }
        if (creating && AwsProps.bool(request, "fifo")) {
            attributes.put(QueueAttributeName.FIFO_QUEUE.toString(), "true");
        }
        return attributes;
    }

    private Optional<ResourceResult> result(ResourceRequest request, String url) throws ProviderException {
        var options = AwsCalls.options(request);
        Map<String, String> found;
        try {
            found = clients.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn", "VisibilityTimeout")
                    .overrideConfiguration(options)).attributesAsStrings();
        } catch (SqsException e) {
            if (AwsErrors.notFound(e, GONE)) {
                return Optional.empty();
            }
            throw e;
        }
        ObjectNode outputs = Json.mapper().createObjectNode();
        outputs.put("url", url);
        outputs.put("arn", found.get("QueueArn"));
        ObjectNode observed = Json.mapper().createObjectNode();
        if (found.get("VisibilityTimeout") != null && request.props().has("visibilityTimeout")) {
            observed.put("visibilityTimeout", Integer.parseInt(found.get("VisibilityTimeout")));
        }
        return Optional.of(new ResourceResult(outputs, null, observed.isEmpty() ? null : observed));
    }
}
