package dev.threadstore;

import dev.threadstore.spi.JsonValues;
import java.util.Objects;

/**
 * A tool (function) call requested by an assistant message.
 *
 * <p>Every string must be valid UTF-16; the id holds at most {@value ValueLimits#MAX_KEY_LENGTH} characters.
 *
 * <p>Neither a component nor its accessor is ever null, unless its description below says "or null".
 *
 * @param id the call's id, echoed by the {@link Role#TOOL} message that answers it
 * @param type the call type, {@code "function"} for every current model API
 * @param functionName the function to call
 * @param arguments the arguments as the model produced them, usually a JSON object as text
 */
public record ToolCall(String id, String type, String functionName, String arguments) {

    /**
     * Validates that no component is null, the id and function name are not blank, the id is at most
     * {@value ValueLimits#MAX_KEY_LENGTH} characters, and every string is valid UTF-16.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a component breaks these rules, naming it
     */
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(arguments, "arguments");
        if (id.isBlank()) {
            throw new IllegalArgumentException("tool call id must not be blank");
        }
        if (functionName.isBlank()) {
            throw new IllegalArgumentException("tool call functionName must not be blank");
        }
        ValueLimits.checkKey(id, "tool call id");
        JsonValues.checkText(type, "tool call type");
        JsonValues.checkText(functionName, "tool call functionName");
        JsonValues.checkText(arguments, "tool call arguments");
    }

    /**
     * A call of type {@code "function"}.
     *
     * @param id the call id
     * @param functionName the function
     * @param arguments the arguments, usually JSON text
     * @return the call
     * @throws IllegalArgumentException as the canonical constructor
     * @throws NullPointerException if an argument is null
     */
    public static ToolCall function(String id, String functionName, String arguments) {
        return new ToolCall(id, "function", functionName, arguments);
    }
}
