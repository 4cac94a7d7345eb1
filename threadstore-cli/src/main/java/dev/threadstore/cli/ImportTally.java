package dev.threadstore.cli;

import java.io.PrintWriter;

/** What an import or a copy did, counted per outcome, and the summary line it ends with. Not thread-safe. */
final class ImportTally {

    long imported;
    long unchanged;
    long conflicts;
    long overwritten;
    long malformed;
    long failed;

    void count(ThreadImporter.Outcome outcome, long line, String threadId, PrintWriter err) {
        switch (outcome) {
            case IMPORTED -> imported++;
            case UNCHANGED -> unchanged++;
            case OVERWRITTEN -> overwritten++;
            case CONFLICT -> {
                conflicts++;
                err.println((line > 0 ? "line " + line + ": " : "") + "conflict: thread " + threadId
                        + " is already stored with other content; skipped (--overwrite replaces it)");
            }
        }
    }

    /** @return how many threads the run handled, whatever the outcome */
    long total() {
        return imported + unchanged + conflicts + overwritten;
    }

    int report(PrintWriter err, String how, int exitCode) {
        err.println(how + ": " + imported + " imported, " + unchanged + " unchanged (already stored), " + conflicts
                + " conflicts skipped, " + overwritten + " overwritten, " + malformed + " malformed lines, " + failed
                + " failed");
        return exitCode;
    }
}
