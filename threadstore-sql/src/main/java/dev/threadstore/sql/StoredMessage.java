package dev.threadstore.sql;

import dev.threadstore.Message;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stored message as the write path knows it: the very instance this store wrote (from the {@link WriteMemo}),
 * or the (sequence, digest) of its row.
 *
 * @param message the instance this store wrote, or null when only its row is known
 * @param sequence its sequence
 * @param digest its digest; null when the instance is known (then computed only if needed)
 */
record StoredMessage(@Nullable Message message, int sequence, @Nullable String digest) {

    /** @return a message the memo remembers */
    static StoredMessage remembered(Message message) {
        return new StoredMessage(message, message.sequence(), null);
    }

    /** @return a message known by its row's sequence and digest */
    static StoredMessage ofRow(Rows.DigestRow row) {
        return new StoredMessage(null, row.sequence(), row.digest());
    }

    /** @return the stored message's digest, computed from the instance when the row's is not known */
    String digest(MessageDigests digests) {
        return digest != null ? digest : digests.of(Objects.requireNonNull(message, "message"));
    }
}
