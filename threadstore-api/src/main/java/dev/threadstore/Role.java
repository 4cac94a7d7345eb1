package dev.threadstore;

/** Who speaks a {@link Message}. */
public enum Role {
    /** Instructions that frame the conversation. Stored like any other message. */
    SYSTEM,
    /** The human (or the application on their behalf). */
    USER,
    /** The model. May carry {@link ToolCall}s. */
    ASSISTANT,
    /** The result of a tool call; needs {@link Message#toolCallId()}. */
    TOOL
}
