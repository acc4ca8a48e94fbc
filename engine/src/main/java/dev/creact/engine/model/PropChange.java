package dev.creact.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One changed prop value: its path ({@code content}, {@code tags.env}, {@code ports[1]}), the value
 * before and after (null when absent), and whether the change forces a replacement.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PropChange(String path, JsonNode before, JsonNode after, boolean forcesReplacement) {
}
