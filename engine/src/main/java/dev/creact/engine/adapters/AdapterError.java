package dev.creact.engine.adapters;

import dev.creact.engine.provider.ProviderException;

/**
 * An external tool (or the adapter around it) failed for one resource. The message is the tool's own, with
 * secrets redacted: what Terraform or Helm said, not a paraphrase. Like any provider failure it is
 * permanent or transient; the deployer, not the adapter, decides whether to try again.
 */
public final class AdapterError extends ProviderException {
    private final String tool;

    private AdapterError(String tool, String message, boolean transientFailure, Throwable cause) {
        super(message, transientFailure, cause);
        this.tool = tool;
    }

    /** The tool said no, or the input is wrong: trying again will not help. */
    public static AdapterError permanent(String tool, String message) {
        return new AdapterError(tool, message, false, null);
    }

    /** It may work next time (a timeout, a lock held by someone else). */
    public static AdapterError transientFailure(String tool, String message) {
        return new AdapterError(tool, message, true, null);
    }

    public static AdapterError permanent(String tool, String message, Throwable cause) {
        return new AdapterError(tool, message, false, cause);
    }

    /** The tool that failed ({@code terraform}, {@code helm}). */
    public String tool() {
        return tool;
    }
}
