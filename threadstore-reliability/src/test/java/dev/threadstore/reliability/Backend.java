package dev.threadstore.reliability;

/** The ThreadStore backends every general scenario runs on. */
enum Backend {
    MEMORY("memory"),
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String label;

    Backend(String label) {
        this.label = label;
    }

    /** @return the name the report shows */
    String label() {
        return label;
    }
}
