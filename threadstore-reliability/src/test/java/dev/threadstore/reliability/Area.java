package dev.threadstore.reliability;

/**
 * The sections of the reliability report, in the order docs/reliability.md shows them. A run that has no
 * row for one of them (e.g. {@code -Dtest=...}) is partial and leaves the published table alone.
 */
enum Area {
    CONCURRENCY("Concurrency"),
    CRASHES("Crashes"),
    OUTAGES("Outages"),
    HOSTILE_INPUT("Hostile input"),
    URLS("Malformed and hostile URLs"),
    FILE_PATHS("FileStore paths"),
    LIMITS_AND_CLOSE("Limits and use after close"),
    SECRETS("Secrets");

    private final String title;

    Area(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }
}
