package dev.threadstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The passwords the suite puts in URLs and the checks that none leaks. Failure cases use
 * {@link #PASSWORD}, a string that occurs nowhere else, so a plain search finds any leak. The real test
 * server's password may equal its user or database name (CI's does), so for it only credential-shaped
 * occurrences count: {@code :pw@}, {@code password=pw}, {@code "password":"pw"}.
 */
final class Secrets {

    /** The password in every URL of the failure cases. */
    static final String PASSWORD = "Pw-7xQ2-n0t-f0r-l0gs";
    /** A wrong password for the real server. */
    static final String WRONG_PASSWORD = "Wr0ng-Pw-4kZ9-n0t-f0r-l0gs";

    private Secrets() {
    }

    /** @return the exception, its causes and suppressed ones, with stack traces, as text */
    static String fullText(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** @return where the text shows a password: its distinctive ones anywhere, the server's in credential form */
    static List<String> leaks(String text) {
        List<String> found = new ArrayList<>();
        for (String pw : List.of(PASSWORD, WRONG_PASSWORD)) {
            int i = text.indexOf(pw);
            if (i >= 0) {
                found.add(context(text, i, pw.length()));
            }
        }
        String server = serverPassword();
        if (!server.isEmpty()) {
            String q = Pattern.quote(server);
            var m = Pattern.compile(":" + q + "@|(?i)password[\"']?\\s*[=:]\\s*[\"']?" + q + "(?![A-Za-z0-9_])").matcher(text);
            while (m.find()) {
                found.add(context(text, m.start(), m.end() - m.start()));
            }
        }
        return found;
    }

    /** Fails if the text shows a password. */
    static void assertNoPassword(String what, String text) {
        assertThat(leaks(text)).as("passwords visible in %s", what).isEmpty();
    }

    private static String serverPassword() {
        String url = System.getenv(PostgresServer.URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return "";
        }
        return dev.threadstore.spi.StoreUri.parse(url.strip()).password().orElse("");
    }

    private static String context(String text, int at, int length) {
        int from = Math.max(0, at - 60);
        int to = Math.min(text.length(), at + length + 60);
        return "..." + text.substring(from, to).replace('\n', ' ') + "...";
    }
}
