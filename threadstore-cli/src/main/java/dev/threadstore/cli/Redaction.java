package dev.threadstore.cli;

import dev.threadstore.spi.StoreUri;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks passwords in everything the command line prints on standard error: the user-info of any URL
 * ({@code scheme://user:pass@host} becomes {@code scheme://****@host}, as {@link StoreUri#mask} does), password and
 * URL-valued query options, and, verbatim, every password found in the command's own arguments and
 * {@code THREADSTORE_URL} (so a password a driver quotes in its own words is masked too). Immutable.
 */
final class Redaction {

    private static final String MASK = "****";
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s?#]*@");
    private static final Pattern SECRET_OPTION = Pattern.compile("(?i)([?&](?:password|[a-z]*url)=)[^&#\\s]*");

    private final List<String> passwords;

    private Redaction(List<String> passwords) {
        this.passwords = List.copyOf(passwords);
    }

    /** @return a redaction of the passwords of every argument that is a store URL, and of the environment's URL */
    static Redaction of(List<String> args, @Nullable String environmentUrl) {
        List<String> passwords = new ArrayList<>();
        List<String> candidates = new ArrayList<>(args);
        if (environmentUrl != null) {
            candidates.add(environmentUrl);
        }
        for (String arg : candidates) {
            if (!arg.contains(":")) {
                continue;
            }
            try {
                StoreUri.parse(arg).password().filter(p -> p.length() >= 3).ifPresent(passwords::add);
            } catch (RuntimeException notAUrl) {
                // an argument that is not a store URL holds no password to mask
            }
        }
        return new Redaction(passwords);
    }

    /** @return the text with every password masked */
    String mask(String text) {
        String masked = text;
        for (String password : passwords) {
            masked = masked.replace(password, MASK);
        }
        masked = USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
        return SECRET_OPTION.matcher(masked).replaceAll("$1" + MASK);
    }

    /** @return a writer that masks each line before it reaches {@code target} */
    PrintWriter wrap(PrintWriter target) {
        return new PrintWriter(new MaskingWriter(target), true);
    }

    /** Buffers up to each line end, then writes the line masked: a password is never split across two writes. */
    private final class MaskingWriter extends Writer {
        private final PrintWriter target;
        private final StringBuilder line = new StringBuilder();

        MaskingWriter(PrintWriter target) {
            this.target = target;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = buffer[i];
                line.append(c);
                if (c == '\n' || c == '\r') {
                    emit();
                }
            }
        }

        private void emit() {
            target.write(mask(line.toString()));
            line.setLength(0);
        }

        @Override
        public void flush() {
            if (line.length() > 0) {
                emit();
            }
            target.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
