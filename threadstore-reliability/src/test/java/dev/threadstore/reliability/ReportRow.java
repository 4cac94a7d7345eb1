package dev.threadstore.reliability;

/**
 * One line of the reliability report: a scenario on one backend, what was tried and what came of it.
 *
 * @param area the section title
 * @param scenario what is checked
 * @param backend memory, sqlite, postgresql, files, or "-" when backend-neutral
 * @param tried counts, sizes, rounds
 * @param status PASS, FAIL or SKIP
 * @param result the figures observed, or why it failed or was skipped
 * @param seconds how long it took
 */
record ReportRow(String area, String scenario, String backend, String tried, String status, String result, double seconds) {
}
