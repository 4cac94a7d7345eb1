package dev.threadstore.cli;

import dev.threadstore.ThreadStoreException;

/** Turns an exception into the one line a command prints on standard error. */
final class Failures {

    private Failures() {
    }

    /** @return the exception's message, with its type when the message alone would not say what failed */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof ThreadStoreException || e instanceof UsageException || e instanceof IllegalArgumentException) {
            return message != null ? message : e.getClass().getSimpleName();
        }
        return e.getClass().getName() + (message != null ? ": " + message : "");
    }
}
