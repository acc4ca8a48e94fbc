package dev.creact.server;

import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * The JSON-RPC error a failed request is answered with. An error LSP4J or a handler chose (an unknown method
 * is -32601 MethodNotFound) is passed on as it is, unwrapped from the future's CompletionException; anything
 * else is an internal error (-32603) whose details go to the server's log, never Java exception text to the
 * client.
 */
final class ProtocolErrors {
    private ProtocolErrors() {
    }

    static ResponseError response(Throwable t, BiConsumer<String, Throwable> log) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ResponseErrorException r && r.getResponseError() != null) {
            return r.getResponseError();
        }
        log.accept("request failed", cause);
        return new ResponseError(ResponseErrorCode.InternalError,
                "creact: internal error while answering the request; the server's log (stderr) has the details", null);
    }
}
