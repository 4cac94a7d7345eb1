package dev.threadstore.sql;

import dev.threadstore.Attachment;
import dev.threadstore.ContentPart;
import dev.threadstore.Message;
import dev.threadstore.MessageSource;
import dev.threadstore.ToolCall;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The digest that decides whether a stored message changed: {@value #VERSION} followed by the hex SHA-256 of
 * an injective encoding of every component of the {@link Message}. Each value is written with a one-byte type
 * tag and, for strings, byte arrays, lists and maps, its length first, so two values of different types or
 * shapes never encode alike ({@code 1L}, {@code 1.0}, {@code "1"} and {@code "d:1.0"} all differ), and two
 * messages encode alike exactly when they are {@link Message#equals equal}: map entries are written in key
 * order, because map equality ignores order; doubles by their bits, as {@link Double#equals} compares them;
 * strings as UTF-16 code units, so that even unpaired surrogates stay distinct.
 *
 * <p>A digest without the current version prefix was made by an older scheme (which was not injective) and is
 * never trusted: {@link #isCurrent} is false and the write path treats the message as changed.
 */
final class MessageFingerprint {

    /** The prefix of every digest of this scheme. */
    static final String VERSION = "v2:";

    private static final byte NULL = 'N';
    private static final byte STRING = 'S';
    private static final byte LONG = 'L';
    private static final byte DOUBLE = 'D';
    private static final byte TRUE = 'T';
    private static final byte FALSE = 'F';
    private static final byte LIST = '[';
    private static final byte MAP = '{';
    private static final byte BYTES = 'B';
    private static final byte OTHER_NUMBER = '#';

    /** A SHA-256 instance to clone: cheaper than a provider lookup per message. */
    private static final MessageDigest PROTOTYPE = sha256();

    /** Bytes are gathered here and handed to the digest a block at a time, not one call per byte. */
    private final byte[] buffer = new byte[1024];
    private int position;
    private final MessageDigest sha256 = copy(PROTOTYPE);

    private MessageFingerprint() {
    }

    /** @return the versioned digest of the message */
    static String of(Message m) {
        MessageFingerprint f = new MessageFingerprint();
        f.message(m);
        f.drain();
        return VERSION + HexFormat.of().formatHex(f.sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static MessageDigest copy(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    /** @return whether the stored digest was made by this scheme and may be compared with {@link #of} */
    static boolean isCurrent(@Nullable String digest) {
        return digest != null && digest.startsWith(VERSION);
    }

    private void message(Message m) {
        string(m.id());
        string(m.role().name());
        number(m.sequence());
        string(m.content());
        size(m.parts().size());
        for (ContentPart part : m.parts()) {
            if (part instanceof ContentPart.Text) {
                string("text");
                string(((ContentPart.Text) part).text());
            } else {
                string("image_url");
                string(((ContentPart.ImageUrl) part).url());
            }
        }
        string(m.name());
        string(m.toolCallId());
        size(m.toolCalls().size());
        for (ToolCall call : m.toolCalls()) {
            string(call.id());
            string(call.type());
            string(call.functionName());
            string(call.arguments());
        }
        value(m.attributes());
        instant(m.timestamp());
        source(m.source());
        size(m.attachments().size());
        for (Attachment a : m.attachments()) {
            attachment(a);
        }
        value(m.reactions());
        value(m.metrics());
    }

    private void source(@Nullable MessageSource source) {
        if (source == null) {
            tag(NULL);
            return;
        }
        tag(MAP);
        string(source.id());
        string(source.name());
        string(source.type() == null ? null : source.type().name());
        value(source.attributes());
    }

    private void attachment(Attachment a) {
        string(a.filename());
        byte[] content = a.content();
        if (content == null) {
            tag(NULL);
        } else {
            tag(BYTES);
            size(content.length);
            drain();
            sha256.update(content);
        }
        string(a.mimeType());
        value(a.attributes());
        string(a.fileId());
        string(a.storagePath());
        string(a.storageBackend());
        string(a.status().name());
        number(a.size());
        string(a.sha256());
    }

    private void value(@Nullable Object value) {
        if (value == null) {
            tag(NULL);
        } else if (value instanceof String) {
            string((String) value);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            number(((Number) value).longValue());
        } else if (value instanceof Double) {
            tag(DOUBLE);
            long64(Double.doubleToLongBits((Double) value));
        } else if (value instanceof Boolean) {
            tag((Boolean) value ? TRUE : FALSE);
        } else if (value instanceof List) {
            List<?> list = (List<?>) value;
            tag(LIST);
            size(list.size());
            for (Object o : list) {
                value(o);
            }
        } else if (value instanceof Map) {
            map((Map<?, ?>) value);
        } else if (value instanceof Number) {
            // The records hold only Long and Double; anything else is kept apart by its class and text.
            tag(OTHER_NUMBER);
            string(value.getClass().getName());
            string(value.toString());
        } else {
            throw new IllegalArgumentException("Not a JSON value: " + value.getClass().getName());
        }
    }

    private void map(Map<?, ?> map) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            keys.add((String) key);
        }
        keys.sort(null);
        tag(MAP);
        size(keys.size());
        for (String key : keys) {
            string(key);
            value(map.get(key));
        }
    }

    private void instant(Instant t) {
        tag('I');
        long64(t.getEpochSecond());
        long64(t.getNano());
    }

    private void string(@Nullable String s) {
        if (s == null) {
            tag(NULL);
            return;
        }
        tag(STRING);
        int length = s.length();
        size(length);
        for (int i = 0; i < length; i++) {
            if (position + 2 > buffer.length) {
                drain();
            }
            char c = s.charAt(i);
            buffer[position++] = (byte) (c >>> 8);
            buffer[position++] = (byte) c;
        }
    }

    private void number(long n) {
        tag(LONG);
        long64(n);
    }

    private void size(int n) {
        long64(n);
    }

    private void tag(int tag) {
        if (position == buffer.length) {
            drain();
        }
        buffer[position++] = (byte) tag;
    }

    private void long64(long n) {
        if (position + 8 > buffer.length) {
            drain();
        }
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[position++] = (byte) (n >>> shift);
        }
    }

    /** Hands the gathered bytes to the digest. */
    private void drain() {
        sha256.update(buffer, 0, position);
        position = 0;
    }
}
