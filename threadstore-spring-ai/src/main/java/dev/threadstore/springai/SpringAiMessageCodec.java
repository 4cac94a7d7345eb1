package dev.threadstore.springai;

import dev.threadstore.Attachment;
import dev.threadstore.ContentPart;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ToolCall;
import dev.threadstore.ValueLimits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AbstractMessage;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;

/*
 * Design notes. Encoder and decoder of one shape, side by side.
 *
 * A Spring AI message becomes one threadstore message, except a ToolResponseMessage, which becomes one TOOL
 * message per response (toolCallId = response id, name = tool name, content = response data). Spring AI metadata
 * goes into the message attributes as they are (JSON values only), minus the "messageType" entry that Spring AI's
 * own constructor adds and re-adds. What the threadstore record cannot say goes under the reserved attribute
 * ROUND_TRIP_KEY: the Spring AI type, the media descriptors (mime type, id, name and where the bytes or URL went),
 * the Java types of top-level metadata numbers that JSON would widen, and the grouping of tool responses (the first
 * TOOL message of a group holds "toolResponses": n and the metadata; the others hold "toolResponsePart": i).
 */
final class SpringAiMessageCodec {

    /** The reserved message attribute holding what round-trips a Spring AI message exactly. */
    static final String ROUND_TRIP_KEY = "springai";

    private static final String TYPE = "type";
    private static final String MEDIA = "media";
    private static final String NUMBER_TYPES = "numberTypes";
    private static final String TOOL_RESPONSES = "toolResponses";
    private static final String TOOL_RESPONSE_PART = "toolResponsePart";

    private final @Nullable FileStore fileStore;
    private final @Nullable String messageIdKey;

    /**
     * @param fileStore where media bytes go and come from, or null: media bytes are then refused
     * @param messageIdKey the metadata key exposing threadstore message ids, or null to expose none
     */
    SpringAiMessageCodec(@Nullable FileStore fileStore, @Nullable String messageIdKey) {
        this.fileStore = fileStore;
        this.messageIdKey = messageIdKey;
    }

    // ---------------------------------------------------------------- encode

    /**
     * Maps Spring AI messages to threadstore messages, before any I/O. Media bytes become pending attachments.
     *
     * @throws IllegalArgumentException if a message cannot be carried (type, metadata, media, tool call), naming it
     */
    List<Message> encode(List<? extends org.springframework.ai.chat.messages.Message> messages) {
        Objects.requireNonNull(messages, "messages");
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            org.springframework.ai.chat.messages.Message m = Objects.requireNonNull(messages.get(i), "messages[" + i + "]");
            encodeOne(m, i, out);
        }
        return out;
    }

    private void encodeOne(org.springframework.ai.chat.messages.Message m, int index, List<Message> out) {
        String where = "message " + index + " (" + m.getClass().getSimpleName() + ")";
        Map<String, Object> roundTrip = new LinkedHashMap<>();
        Map<String, Object> attributes = encodeMetadata(m, where, roundTrip);
        String id = takeExposedId(m, attributes, where);
        if (m instanceof ToolResponseMessage tool) {
            encodeToolResponses(tool, attributes, roundTrip, id, where, out);
            return;
        }
        Message.Builder b;
        List<Media> media;
        if (m instanceof UserMessage user && m.getClass() == UserMessage.class) {
            b = Message.builder(Role.USER).content(user.getText());
            media = user.getMedia();
        } else if (m instanceof AssistantMessage assistant && m.getClass() == AssistantMessage.class) {
            b = Message.builder(Role.ASSISTANT).content(assistant.getText()).toolCalls(encodeToolCalls(assistant, where));
            media = assistant.getMedia();
        } else if (m instanceof SystemMessage system && m.getClass() == SystemMessage.class) {
            b = Message.builder(Role.SYSTEM).content(system.getText());
            media = List.of();
        } else {
            throw new IllegalArgumentException(where + ": the mapping carries UserMessage, AssistantMessage,"
                    + " SystemMessage and ToolResponseMessage, not " + m.getClass().getName()
                    + " (a subclass would come back as its Spring AI base class)");
        }
        roundTrip.put(TYPE, m.getMessageType().name());
        encodeMedia(media, b, roundTrip, where);
        if (id != null) {
            b.id(id);
        }
        attributes.put(ROUND_TRIP_KEY, roundTrip);
        out.add(b.attributes(attributes).build());
    }

    private Map<String, Object> encodeMetadata(org.springframework.ai.chat.messages.Message m, String where,
                                               Map<String, Object> roundTrip) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        Map<String, Object> numberTypes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.getMetadata().entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (AbstractMessage.MESSAGE_TYPE.equals(key) && (value instanceof MessageType || value == null)) {
                continue; // Spring AI's constructor puts it back on read
            }
            if (ROUND_TRIP_KEY.equals(key)) {
                throw new IllegalArgumentException(where + ": metadata key '" + ROUND_TRIP_KEY
                        + "' is reserved by threadstore-spring-ai; rename it");
            }
            requireJson(value, where + ": metadata '" + key + "'");
            String numberType = narrowNumberType(value);
            if (numberType != null) {
                numberTypes.put(key, numberType);
            }
            attributes.put(key, value);
        }
        if (!numberTypes.isEmpty()) {
            roundTrip.put(NUMBER_TYPES, numberTypes);
        }
        return attributes;
    }

    private @Nullable String takeExposedId(org.springframework.ai.chat.messages.Message m, Map<String, Object> attributes,
                                           String where) {
        if (messageIdKey == null || !attributes.containsKey(messageIdKey)) {
            return null;
        }
        Object id = attributes.remove(messageIdKey);
        if (!(id instanceof String s) || s.isBlank() || ValueLimits.isTooLong(s)) {
            throw new IllegalArgumentException(where + ": metadata '" + messageIdKey
                    + "' must be a threadstore message id (a non-blank string of at most " + ValueLimits.MAX_KEY_LENGTH
                    + " characters), got " + id);
        }
        return s;
    }

    private static List<ToolCall> encodeToolCalls(AssistantMessage assistant, String where) {
        List<ToolCall> calls = new ArrayList<>();
        for (AssistantMessage.ToolCall c : assistant.getToolCalls()) {
            if (c.id() == null || c.id().isBlank() || c.type() == null || c.name() == null || c.name().isBlank()
                    || c.arguments() == null) {
                throw new IllegalArgumentException(where + ": tool call " + c + " cannot be stored: id and name must"
                        + " not be blank, type and arguments not null");
            }
            calls.add(new ToolCall(c.id(), c.type(), c.name(), c.arguments()));
        }
        return calls;
    }

    private void encodeToolResponses(ToolResponseMessage tool, Map<String, Object> attributes,
                                     Map<String, Object> roundTrip, @Nullable String id, String where,
                                     List<Message> out) {
        List<ToolResponseMessage.ToolResponse> responses = tool.getResponses();
        if (responses.isEmpty()) {
            throw new IllegalArgumentException(where + ": a ToolResponseMessage without responses cannot be stored"
                    + " (threadstore keeps one TOOL message per response)");
        }
        for (int i = 0; i < responses.size(); i++) {
            ToolResponseMessage.ToolResponse r = responses.get(i);
            if (r.id() == null || r.id().isBlank() || r.responseData() == null) {
                throw new IllegalArgumentException(where + ": tool response " + i + " needs an id (the tool call it"
                        + " answers) and response data");
            }
            Map<String, Object> part = new LinkedHashMap<>();
            part.put(TYPE, MessageType.TOOL.name());
            Message.Builder b = Message.builder(Role.TOOL).toolCallId(r.id()).name(r.name()).content(r.responseData());
            if (i == 0) {
                part.putAll(roundTrip);
                part.put(TOOL_RESPONSES, (long) responses.size());
                Map<String, Object> first = new LinkedHashMap<>(attributes);
                first.put(ROUND_TRIP_KEY, part);
                b.attributes(first);
                if (id != null) {
                    b.id(id);
                }
            } else {
                part.put(TOOL_RESPONSE_PART, (long) i);
                b.attributes(Map.of(ROUND_TRIP_KEY, part));
            }
            out.add(b.build());
        }
    }

    private void encodeMedia(List<Media> media, Message.Builder b, Map<String, Object> roundTrip, String where) {
        if (media.isEmpty()) {
            return;
        }
        List<ContentPart> parts = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        List<Object> descriptors = new ArrayList<>();
        for (Media m : media) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("mimeType", m.getMimeType().toString());
            d.put("id", m.getId());
            d.put("name", m.getName());
            Object data = m.getData();
            if (data instanceof String url) {
                if ("image".equals(m.getMimeType().getType())) {
                    d.put("part", (long) parts.size());
                    parts.add(ContentPart.imageUrl(url));
                } else {
                    d.put("url", url);
                }
            } else if (data instanceof byte[] bytes) {
                if (fileStore == null) {
                    throw new IllegalArgumentException(where + ": media '" + m.getName() + "' holds bytes; a FileStore"
                            + " is required to store them (builder.fileStore(...)), or pass the media as a URL");
                }
                d.put("attachment", (long) attachments.size());
                attachments.add(Attachment.of(bytes, attachmentName(m), m.getMimeType().toString()));
            } else {
                throw new IllegalArgumentException(where + ": media '" + m.getName() + "' holds a "
                        + data.getClass().getName() + "; only a URL (String) or bytes can be stored");
            }
            descriptors.add(d);
        }
        roundTrip.put(MEDIA, descriptors);
        b.parts(parts).attachments(attachments);
    }

    private static String attachmentName(Media m) {
        String name = m.getName();
        return name.isBlank() ? "media" : name;
    }

    // ---------------------------------------------------------------- decode

    /**
     * Maps stored messages back, grouping the TOOL messages of one ToolResponseMessage. A group whose first
     * message is not among {@code stored} (a window cut it) is dropped.
     *
     * @throws IllegalStateException if a stored media needs the FileStore and none is configured
     */
    List<org.springframework.ai.chat.messages.Message> decode(List<Message> stored) {
        List<org.springframework.ai.chat.messages.Message> out = new ArrayList<>(stored.size());
        int i = 0;
        while (i < stored.size()) {
            Message m = stored.get(i);
            Map<String, Object> roundTrip = roundTrip(m);
            if (m.role() == Role.TOOL) {
                int size = toolGroupSize(roundTrip);
                if (size == 0) {
                    i++; // a later response of a group whose start lies outside what was read
                    continue;
                }
                int end = Math.min(stored.size(), i + size);
                out.add(decodeToolGroup(stored.subList(i, end), roundTrip));
                i = end;
                continue;
            }
            out.add(decodeOne(m, roundTrip));
            i++;
        }
        return out;
    }

    /** @return whether a stored message is a TOOL message (a tool result), the start of a group or not */
    static boolean isToolResult(Message m) {
        return m.role() == Role.TOOL;
    }

    private org.springframework.ai.chat.messages.Message decodeOne(Message m, Map<String, Object> roundTrip) {
        Map<String, Object> metadata = decodeMetadata(m, roundTrip);
        String text = m.content();
        return switch (m.role()) {
            case USER -> UserMessage.builder().text(text == null ? "" : text).media(decodeMedia(m, roundTrip))
                    .metadata(metadata).build();
            case ASSISTANT -> AssistantMessage.builder().content(text).properties(metadata)
                    .toolCalls(decodeToolCalls(m)).media(decodeMedia(m, roundTrip)).build();
            case SYSTEM -> SystemMessage.builder().text(text == null ? "" : text).metadata(metadata).build();
            case TOOL -> throw new IllegalStateException("unreachable: TOOL messages are grouped");
        };
    }

    private org.springframework.ai.chat.messages.Message decodeToolGroup(List<Message> group,
                                                                         Map<String, Object> roundTrip) {
        List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>(group.size());
        for (Message m : group) {
            responses.add(new ToolResponseMessage.ToolResponse(m.toolCallId(), m.name(),
                    m.content() == null ? "" : m.content()));
        }
        return ToolResponseMessage.builder().responses(responses).metadata(decodeMetadata(group.get(0), roundTrip))
                .build();
    }

    private Map<String, Object> decodeMetadata(Message m, Map<String, Object> roundTrip) {
        Map<String, Object> metadata = new LinkedHashMap<>(m.attributes());
        metadata.remove(ROUND_TRIP_KEY);
        if (roundTrip.get(NUMBER_TYPES) instanceof Map<?, ?> types) {
            types.forEach((key, type) -> metadata.computeIfPresent((String) key,
                    (k, v) -> narrow((Number) v, String.valueOf(type))));
        }
        if (messageIdKey != null) {
            metadata.put(messageIdKey, m.id());
        }
        return metadata;
    }

    private static List<AssistantMessage.ToolCall> decodeToolCalls(Message m) {
        List<AssistantMessage.ToolCall> calls = new ArrayList<>(m.toolCalls().size());
        for (ToolCall c : m.toolCalls()) {
            calls.add(new AssistantMessage.ToolCall(c.id(), c.type(), c.functionName(), c.arguments()));
        }
        return calls;
    }

    private List<Media> decodeMedia(Message m, Map<String, Object> roundTrip) {
        if (!(roundTrip.get(MEDIA) instanceof List<?> descriptors)) {
            return List.of();
        }
        List<Media> media = new ArrayList<>(descriptors.size());
        for (Object o : descriptors) {
            Map<?, ?> d = (Map<?, ?>) o;
            Media.Builder b = Media.builder().mimeType(MimeType.valueOf((String) d.get("mimeType")))
                    .name((String) d.get("name"));
            if (d.get("id") instanceof String id) {
                b.id(id);
            }
            if (d.get("part") instanceof Number part) {
                b.data(((ContentPart.ImageUrl) m.parts().get(part.intValue())).url());
            } else if (d.get("url") instanceof String url) {
                b.data(url);
            } else if (d.get("attachment") instanceof Number attachment) {
                b.data(readAttachment(m, m.attachments().get(attachment.intValue())));
            } else {
                throw new IllegalStateException("message " + m.id() + " holds a media description with no part, url"
                        + " or attachment: " + d);
            }
            media.add(b.build());
        }
        return media;
    }

    private byte[] readAttachment(Message m, Attachment a) {
        byte[] content = a.content();
        if (content != null) {
            return content;
        }
        if (fileStore == null) {
            throw new IllegalStateException("message " + m.id() + " holds media stored as attachment '" + a.filename()
                    + "'; configure the FileStore that holds it (builder.fileStore(...)) to read it");
        }
        return fileStore.get(Objects.requireNonNull(a.fileId(), "attachment fileId"),
                Objects.requireNonNull(a.storagePath(), "attachment storagePath"));
    }

    // ---------------------------------------------------------------- comparison, for saveAll's difference

    /**
     * Whether a stored message holds what an encoded (not yet stored) one holds: everything but the id, sequence,
     * timestamp and the attachments' storage, whose bytes are compared by SHA-256.
     */
    static boolean sameContent(Message stored, Message encoded) {
        return stored.role() == encoded.role()
                && Objects.equals(stored.content(), encoded.content())
                && stored.parts().equals(encoded.parts())
                && Objects.equals(stored.name(), encoded.name())
                && Objects.equals(stored.toolCallId(), encoded.toolCallId())
                && stored.toolCalls().equals(encoded.toolCalls())
                && stored.attributes().equals(encoded.attributes())
                && sameAttachments(stored.attachments(), encoded.attachments());
    }

    private static boolean sameAttachments(List<Attachment> stored, List<Attachment> encoded) {
        if (stored.size() != encoded.size()) {
            return false;
        }
        for (int i = 0; i < stored.size(); i++) {
            Attachment s = stored.get(i);
            byte[] content = encoded.get(i).content();
            String sha = s.sha256();
            if (content == null || sha == null || !sha.equalsIgnoreCase(sha256(content))) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    // ---------------------------------------------------------------- values

    @SuppressWarnings("unchecked")
    private static Map<String, Object> roundTrip(Message m) {
        Object o = m.attributes().get(ROUND_TRIP_KEY);
        return o instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** @return 1 or more for the first TOOL message of a group (its size), 0 for a later one */
    private static int toolGroupSize(Map<String, Object> roundTrip) {
        if (roundTrip.get(TOOL_RESPONSE_PART) instanceof Number) {
            return 0;
        }
        return roundTrip.get(TOOL_RESPONSES) instanceof Number n ? Math.max(1, n.intValue()) : 1;
    }

    private static void requireJson(@Nullable Object value, String what) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof Double || value instanceof Float || value instanceof BigDecimal
                || value instanceof BigInteger) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(what + " has a key that is not a string: " + e.getKey());
                }
                requireJson(e.getValue(), what + "." + key);
            }
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireJson(list.get(i), what + "[" + i + "]");
            }
            return;
        }
        throw new IllegalArgumentException(what + " holds a " + value.getClass().getName()
                + ", which is not a JSON value (String, number, Boolean, null, List or Map of them);"
                + " convert it before adding the message");
    }

    private static @Nullable String narrowNumberType(@Nullable Object value) {
        if (value instanceof Integer) {
            return "Integer";
        }
        if (value instanceof Short) {
            return "Short";
        }
        if (value instanceof Byte) {
            return "Byte";
        }
        if (value instanceof Float) {
            return "Float";
        }
        return null;
    }

    private static Number narrow(Number n, String type) {
        return switch (type) {
            case "Integer" -> n.intValue();
            case "Short" -> n.shortValue();
            case "Byte" -> n.byteValue();
            case "Float" -> n.floatValue();
            default -> n;
        };
    }
}
