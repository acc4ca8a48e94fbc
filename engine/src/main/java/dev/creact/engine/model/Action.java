package dev.creact.engine.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a plan does to one resource. */
public enum Action {
    CREATE("create", "+"),
    UPDATE("update", "~"),
    REPLACE("replace", "-/+"),
    DELETE("delete", "-");

    private final String word;
    private final String symbol;

    Action(String word, String symbol) {
        this.word = word;
        this.symbol = symbol;
    }

    /** As written in plan JSON and messages: {@code create}, {@code update}, ... */
    @JsonValue
    public String word() {
        return word;
    }

    /** As shown in plans: {@code +}, {@code ~}, {@code -/+}, {@code -}. */
    public String symbol() {
        return symbol;
    }
}
