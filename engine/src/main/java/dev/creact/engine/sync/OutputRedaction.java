package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one place every output passes before it goes into a sync message. The server applies it to each
 * resource's outputs and to the stack's outputs of every update it receives, whoever published it, so no
 * feed can bypass it. Identity for now; secrets and sensitive outputs plug in here.
 */
public interface OutputRedaction {
    /** Returns the outputs that may be shown (a copy or the argument; never mutate the argument). */
    ObjectNode resourceOutputs(String stack, String resourceId, String type, ObjectNode outputs);

    /** Returns the stack outputs that may be shown (a copy or the argument; never mutate the argument). */
    ObjectNode stackOutputs(String stack, ObjectNode outputs);

    /** Shows everything: no output is secret until the secrets support says so. */
    OutputRedaction NONE = new OutputRedaction() {
        @Override
        public ObjectNode resourceOutputs(String stack, String resourceId, String type, ObjectNode outputs) {
            return outputs;
        }

        @Override
        public ObjectNode stackOutputs(String stack, ObjectNode outputs) {
            return outputs;
        }
    };
}
