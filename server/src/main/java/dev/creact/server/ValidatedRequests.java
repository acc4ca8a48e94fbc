package dev.creact.server;

import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.validation.ReflectiveMessageValidator;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks the params of each request from the client against LSP4J's {@code @NonNull} declarations before a
 * handler sees them, so a missing {@code textDocument} is answered with -32602 (InvalidParams) naming the
 * field rather than a NullPointerException inside a handler. LSP4J answers several issues with -32600
 * (InvalidRequest); they are merged into one InvalidParams. Only incoming requests are checked: a
 * notification with bad params is logged and dropped by LSP4J, and what this server sends is its own.
 */
final class ValidatedRequests implements MessageConsumer {
    private final MessageConsumer delegate;
    private final ReflectiveMessageValidator validator = new ReflectiveMessageValidator();
    private final boolean incoming;

    ValidatedRequests(MessageConsumer delegate) {
        this.delegate = delegate;
        this.incoming = delegate instanceof RemoteEndpoint;
    }

    @Override
    public void consume(Message message) {
        if (incoming && message instanceof RequestMessage request) {
            try {
                validator.consume(request);
            } catch (MessageIssueException e) {
                throw new MessageIssueException(message, List.of(merged(request, e.getIssues())));
            }
        }
        delegate.consume(message);
    }

    static MessageIssue merged(RequestMessage request, List<MessageIssue> issues) {
        String text = issues.stream().map(MessageIssue::getText).distinct().collect(Collectors.joining("; "));
        return new MessageIssue("invalid params of " + request.getMethod() + ": " + text, ResponseErrorCode.InvalidParams.getValue());
    }
}
