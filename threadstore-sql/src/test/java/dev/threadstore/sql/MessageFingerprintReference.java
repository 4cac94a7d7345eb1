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
 * {@link MessageFingerprint} as it was before its bytes were buffered (one digest update per byte): kept as the
 * reference the buffered one must match byte for byte, since stored digests were made by it.
 */
final class MessageFingerprintReference {

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

    private final MessageDigest sha256;

    private MessageFingerprintReference() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return the versioned digest of the message */
    static String of(Message m) {
        MessageFingerprintReference f = new MessageFingerprintReference();
        f.message(m);
        return VERSION + HexFormat.of().formatHex(f.sha256.digest());
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
        size(s.length());
        byte[] units = new byte[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            units[2 * i] = (byte) (c >>> 8);
            units[2 * i + 1] = (byte) c;
        }
        sha256.update(units);
    }

    private void number(long n) {
        tag(LONG);
        long64(n);
    }

    private void size(int n) {
        long64(n);
    }

    private void tag(int tag) {
        sha256.update((byte) tag);
    }

    private void long64(long n) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            sha256.update((byte) (n >>> shift));
        }
    }
}
