package dev.threadstore.cli;

/** The exit codes every command keeps to. */
final class ExitCodes {

    /** The command did what was asked. */
    static final int OK = 0;
    /** The command failed: the store, the input or a check (tck, copy --verify) did. */
    static final int FAILURE = 1;
    /** The command line was wrong: an unknown option, a missing URL, a bad value. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
