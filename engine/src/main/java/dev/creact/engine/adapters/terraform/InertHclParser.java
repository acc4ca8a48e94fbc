package dev.creact.engine.adapters.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.ComputedTuple;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Function;

import java.util.Map;

/**
 * hcl4j's parser with evaluation switched off: creact reads a module's declarations (variable types,
 * defaults, {@code sensitive}), never its expressions. hcl4j would otherwise evaluate {@code for}
 * expressions (printing its workings to standard output, which is the editor's channel under
 * {@code creact lsp}), call functions such as {@code file()} and run data lookups. What an expression
 * evaluates to is Terraform's business at apply time.
 */
final class InertHclParser extends HCLParser {
    @Override
    protected Object evaluateComputedTuple(ComputedTuple tuple) {
        return null;
    }

    @Override
    protected Object evaluateComputedTuple(ComputedTuple tuple, Map<String, Object> context) {
        return null;
    }

    @Override
    protected Object evaluateFunctionCall(String name, Function function) {
        return null;
    }

    @Override
    protected Object evaluateFunctionCall(String name, Function function, Map<String, Object> context) {
        return null;
    }

    @Override
    protected Map<String, Object> evaluateDataLookup(String type, String name, Map<String, Object> properties) {
        return Map.of();
    }
}
