package dev.threadstore;

import java.util.Objects;

/**
 * The export format of a thread: one {@link ChatThread}, every field of it, as one line of JSON, so that a file
 * of threads is JSON Lines ({@code .jsonl}) that any tool can stream. The {@code threadstore} command line writes
 * and reads its backups with it ({@code export}, {@code import}); applications may use it too. The format is
 * versioned and documented field by field in {@code docs/export-format.md}; a line starts with
 * {@code {"format":"threadstore-thread","formatVersion":1,...}}.
 *
 * <p>The codec is a round trip: {@code read(write(t))} equals {@code t} for every thread {@code t} the records
 * admit, and {@code write} is canonical, so {@code write(read(write(t)))} gives the same characters as
 * {@code write(t)} whichever backend the thread came from (object keys of JSON values are written sorted, numbers
 * keep their JSON type, instants their microseconds). Attachments are written by reference (file id and storage
 * path); bytes an attachment holds ({@link Attachment#content()}) are written base64-encoded.
 *
 * <p>All methods are static, stateless and thread-safe.
 */
public final class ThreadJson {

    /** The value of every line's {@code "format"} field. */
    public static final String FORMAT = "threadstore-thread";

    /** The format version this code writes, and the only one it reads. */
    public static final int FORMAT_VERSION = 1;

    private ThreadJson() {
    }

    /**
     * Writes a thread as one line of JSON.
     *
     * @param thread a whole thread (not one read through a {@link MessageWindow} other than {@link MessageWindow#all()})
     * @return the line, without a line terminator; it holds no raw line break, as every control character in a
     *     string is escaped
     * @throws NullPointerException if {@code thread} is null
     * @throws IllegalArgumentException if the thread has a {@link ChatThread#window() window}: it holds only some
     *     of its messages
     */
    public static String write(ChatThread thread) {
        Objects.requireNonNull(thread, "thread");
        return ThreadJsonWriter.write(thread);
    }

    /**
     * Reads a thread from one line written by {@link #write} (or by hand, following {@code docs/export-format.md}).
     * Fields other than {@code format}, {@code formatVersion}, {@code id}, {@code createdAt}, {@code updatedAt} and
     * a message's {@code id}, {@code role} and {@code timestamp} may be left out: they take the defaults of
     * {@link ChatThread#builder()} and {@link Message#builder(Role)} (null, empty, 0).
     *
     * @param line one line of JSON; surrounding white space and a leading byte-order mark are ignored
     * @return the thread, with the version and times the line holds
     * @throws NullPointerException if {@code line} is null
     * @throws IllegalArgumentException if the line is not valid JSON, not a thread of this format, of another
     *     format version, has an unknown field or a value of the wrong type, or describes a thread the records
     *     refuse; the message names the field by its path (e.g. {@code messages[2].toolCalls[0].id}) and the
     *     thread id when it could be read
     */
    public static ChatThread read(String line) {
        Objects.requireNonNull(line, "line");
        return ThreadJsonReader.read(line);
    }
}
