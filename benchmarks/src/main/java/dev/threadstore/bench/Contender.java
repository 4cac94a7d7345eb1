package dev.threadstore.bench;

/**
 * One of the stores being compared, reduced to what a chat application does with a conversation: start
 * one, add a message, read it back. Each implementation does it the way its users would.
 */
interface Contender {

    /** @return the store's name in the results: {@code threadstore}, {@code jdbc-floor} or {@code spring-ai} */
    String store();

    /**
     * Stores a new conversation holding {@code messages} messages (untimed set-up).
     *
     * @return the conversation
     */
    Conversation start(int messages) throws Exception;

    /** A conversation held by a contender; used by one thread at a time. */
    interface Conversation {

        /** Adds the next message, the store's usual way (this is what the append workloads time). */
        void add() throws Exception;

        /** Removes the message the last {@link #add()} added, untimed, so the next add meets the same length. */
        void undoAdd() throws Exception;

        /** Reads the whole conversation. */
        void read() throws Exception;

        /** Deletes the conversation. */
        void delete() throws Exception;
    }
}
