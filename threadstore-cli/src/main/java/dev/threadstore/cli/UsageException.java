package dev.threadstore.cli;

/** A command line picocli accepts but the command cannot (e.g. no URL and no THREADSTORE_URL): exit code 2. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
