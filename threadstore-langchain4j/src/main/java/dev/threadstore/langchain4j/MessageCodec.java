package dev.threadstore.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.pdf.PdfFile;
import dev.threadstore.Attachment;
import dev.threadstore.ContentPart;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.StoredFile;
import dev.threadstore.ToolCall;
import dev.threadstore.spi.JsonValues;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Maps LangChain4j chat messages to threadstore messages and back, losslessly.
 *
 * <p>Design notes. What threadstore has a field for goes to that field, so that any other reader of the thread
 * sees an ordinary conversation: the text to {@code content}, a user's name or a tool's name to {@code name},
 * tool execution requests to {@code toolCalls}, a tool result's id to {@code toolCallId}, a text or image-URL
 * content to a {@link ContentPart}. What threadstore has no field for (the thinking text, {@code isError}, the
 * order and kinds of a user message's contents, audio and PDF contents, image detail levels, the message's own
 * attributes, a null id) goes to the message attribute {@value #KEY}, a JSON map. Base64 data is never put in
 * a JSON value: it becomes an attachment in the {@link FileStore}, referenced by index. The decoder reads the
 * fields back and applies the map; a message written without the map (by another program) is decoded from its
 * fields alone.
 *
 * <p>Mapped so: a user message with a single text and no name-less surprises keeps the text in
 * {@code content}; with several contents, each content is described in the map's {@code contents} list in
 * order, text and image-URL contents pointing at their part. Integer attributes come back as {@code Long},
 * as with every threadstore attribute.
 */
final class MessageCodec {

    /** The message attribute under which the LangChain4j-only details live. */
    static final String KEY = "langchain4j";

    private static final String PLACEHOLDER_ID = "langchain4j-no-id";

    private final @Nullable FileStore fileStore;

    MessageCodec(@Nullable FileStore fileStore) {
        this.fileStore = fileStore;
    }

    /**
     * A mapped message, and the files stored for it (to delete if writing the message fails).
     *
     * @param message the threadstore message
     * @param storedFiles the files saved in the FileStore for its base64 contents
     */
    record Encoded(Message message, List<StoredFile> storedFiles) {
        Encoded {
            storedFiles = List.copyOf(storedFiles);
        }
    }

    /**
     * Checks that a message can be encoded without writing anything.
     *
     * @throws IllegalArgumentException if it holds something the mapping cannot carry
     */
    void check(ChatMessage message) {
        Objects.requireNonNull(message, "message");
        if (message instanceof UserMessage user) {
            checkContents(user.contents(), "user message");
            checkAttributes(user.attributes());
        } else if (message instanceof AiMessage ai) {
            if (ai.images() != null && !ai.images().isEmpty()) {
                throw new IllegalArgumentException("cannot store an AiMessage holding generated images in threadstore"
                        + " (LangChain4j keeps them outside the message's attributes); store their URLs as text instead");
            }
            checkAttributes(ai.attributes());
        } else if (message instanceof ToolExecutionResultMessage result) {
            checkContents(result.contents(), "tool execution result");
            checkAttributes(result.attributes());
        } else if (!(message instanceof SystemMessage)) {
            throw new IllegalArgumentException("cannot store a " + message.getClass().getName() + " (type "
                    + message.type() + ") in threadstore: only UserMessage, AiMessage, ToolExecutionResultMessage and"
                    + " SystemMessage are mapped");
        }
    }

    private void checkContents(List<Content> contents, String where) {
        for (Content content : contents) {
            if (content instanceof TextContent) {
                continue;
            }
            String base64 = base64Of(content);
            if (base64 == null && urlOf(content) == null) {
                throw new IllegalArgumentException("cannot store a " + where + " content of type " + content.type()
                        + ": only text, image, audio and PDF contents are mapped");
            }
            if (base64 != null && fileStore == null) {
                throw new IllegalArgumentException("a " + where + " holds " + content.type() + " data as base64: a"
                        + " FileStore is required to store it as an attachment (give one to the builder)");
            }
        }
    }

    private static void checkAttributes(Map<String, Object> attributes) {
        JsonValues.copyOf(attributes, "LangChain4j message attributes");
    }

    /**
     * Encodes a message, saving base64 contents in the FileStore.
     *
     * @throws IllegalArgumentException if the message cannot be carried; nothing is stored then
     */
    Encoded encode(ChatMessage message) {
        check(message);
        List<StoredFile> stored = new ArrayList<>();
        try {
            return new Encoded(toMessage(message, stored), stored);
        } catch (RuntimeException e) {
            deleteQuietly(stored, e);
            throw e;
        }
    }

    /** Deletes files stored for messages whose write failed; failures are added to {@code cause}. */
    void deleteQuietly(List<StoredFile> files, Throwable cause) {
        for (StoredFile file : files) {
            try {
                Objects.requireNonNull(fileStore).delete(file.id(), file.storagePath());
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private Message toMessage(ChatMessage message, List<StoredFile> stored) {
        Map<String, Object> details = new LinkedHashMap<>();
        Message.Builder builder;
        if (message instanceof SystemMessage system) {
            builder = Message.builder(Role.SYSTEM).content(system.text());
        } else if (message instanceof UserMessage user) {
            builder = Message.builder(Role.USER).name(user.name());
            encodeContents(user.contents(), builder, details, stored);
            putAttributes(user.attributes(), details);
        } else if (message instanceof AiMessage ai) {
            builder = Message.builder(Role.ASSISTANT).content(ai.text());
            if (ai.thinking() != null) {
                details.put("thinking", ai.thinking());
            }
            encodeRequests(ai.toolExecutionRequests(), builder, details);
            putAttributes(ai.attributes(), details);
        } else {
            ToolExecutionResultMessage result = (ToolExecutionResultMessage) message;
            builder = Message.builder(Role.TOOL).name(result.toolName());
            if (result.id() == null || result.id().isBlank()) {
                builder.toolCallId(PLACEHOLDER_ID);
                details.put("id", result.id());
            } else {
                builder.toolCallId(result.id());
            }
            encodeContents(result.contents(), builder, details, stored);
            if (result.isError() != null) {
                details.put("isError", result.isError());
            }
            putAttributes(result.attributes(), details);
        }
        details.put("type", message.type().name());
        return builder.attributes(Map.of(KEY, details)).build();
    }

    private static void putAttributes(Map<String, Object> attributes, Map<String, Object> details) {
        if (!attributes.isEmpty()) {
            details.put("attributes", attributes);
        }
    }

    private static void encodeRequests(List<ToolExecutionRequest> requests, Message.Builder builder,
                                       Map<String, Object> details) {
        List<ToolCall> calls = new ArrayList<>();
        boolean exact = true;
        for (ToolExecutionRequest request : requests) {
            exact &= request.id() != null && !request.id().isBlank() && request.name() != null
                    && !request.name().isBlank() && request.arguments() != null;
            calls.add(ToolCall.function(orPlaceholder(request.id()), orPlaceholder(request.name()),
                    request.arguments() == null ? "" : request.arguments()));
        }
        builder.toolCalls(calls);
        if (!exact) {
            List<Map<String, Object>> raw = new ArrayList<>();
            for (ToolExecutionRequest request : requests) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("id", request.id());
                one.put("name", request.name());
                one.put("arguments", request.arguments());
                raw.add(one);
            }
            details.put("toolExecutionRequests", raw);
        }
    }

    private static String orPlaceholder(@Nullable String value) {
        return value == null || value.isBlank() ? PLACEHOLDER_ID : value;
    }

    private void encodeContents(List<Content> contents, Message.Builder builder, Map<String, Object> details,
                                List<StoredFile> stored) {
        if (contents.size() == 1 && contents.get(0) instanceof TextContent text) {
            builder.content(text.text());
            return;
        }
        List<ContentPart> parts = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        List<Map<String, Object>> described = new ArrayList<>();
        for (Content content : contents) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("type", content.type().name());
            if (content instanceof TextContent text) {
                one.put("part", parts.size());
                parts.add(new ContentPart.Text(text.text()));
            } else {
                describeMedia(content, one);
                String base64 = base64Of(content);
                URI url = urlOf(content);
                if (base64 != null) {
                    one.put("attachment", attachments.size());
                    attachments.add(storeData(base64, mimeTypeOf(content), attachments.size(), stored));
                } else if (content instanceof ImageContent) {
                    one.put("part", parts.size());
                    parts.add(new ContentPart.ImageUrl(Objects.requireNonNull(url).toString()));
                } else {
                    one.put("url", Objects.requireNonNull(url).toString());
                }
            }
            described.add(one);
        }
        builder.parts(parts).attachments(attachments);
        details.put("contents", described);
    }

    private static void describeMedia(Content content, Map<String, Object> one) {
        String mimeType = mimeTypeOf(content);
        if (mimeType != null) {
            one.put("mimeType", mimeType);
        }
        if (content instanceof ImageContent image) {
            if (image.image().revisedPrompt() != null) {
                one.put("revisedPrompt", image.image().revisedPrompt());
            }
            if (image.detailLevel() != null) {
                one.put("detailLevel", image.detailLevel().name());
            }
        }
    }

    private Attachment storeData(String base64, @Nullable String mimeType, int index, List<StoredFile> stored) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a content's base64 data is not valid base64: " + e.getMessage(), e);
        }
        String filename = "langchain4j-content-" + index + extensionOf(mimeType);
        StoredFile file = Objects.requireNonNull(fileStore).save(bytes, filename, mimeType);
        stored.add(file);
        return Attachment.of(bytes, filename, mimeType).withStoredFile(file, Map.of());
    }

    private static String extensionOf(@Nullable String mimeType) {
        if (mimeType == null) {
            return ".bin";
        }
        return switch (mimeType) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "image/webp" -> ".webp";
            case "application/pdf" -> ".pdf";
            case "audio/mpeg" -> ".mp3";
            case "audio/wav", "audio/x-wav" -> ".wav";
            default -> ".bin";
        };
    }

    private static @Nullable String base64Of(Content content) {
        if (content instanceof ImageContent image) {
            return image.image().base64Data();
        }
        if (content instanceof AudioContent audio) {
            return audio.audio().base64Data();
        }
        if (content instanceof PdfFileContent pdf) {
            return pdf.pdfFile().base64Data();
        }
        return null;
    }

    private static @Nullable URI urlOf(Content content) {
        if (content instanceof ImageContent image) {
            return image.image().url();
        }
        if (content instanceof AudioContent audio) {
            return audio.audio().url();
        }
        if (content instanceof PdfFileContent pdf) {
            return pdf.pdfFile().url();
        }
        return null;
    }

    private static @Nullable String mimeTypeOf(Content content) {
        if (content instanceof ImageContent image) {
            return image.image().mimeType();
        }
        if (content instanceof AudioContent audio) {
            return audio.audio().mimeType();
        }
        if (content instanceof PdfFileContent pdf) {
            return pdf.pdfFile().mimeType();
        }
        return null;
    }

    // ---- decoding ----

    /**
     * Decodes a stored message.
     *
     * @throws IllegalStateException if it references an attachment and this codec has no FileStore
     */
    ChatMessage decode(Message message) {
        Map<String, Object> details = detailsOf(message);
        return switch (message.role()) {
            case SYSTEM -> SystemMessage.from(message.content() == null ? "" : message.content());
            case USER -> decodeUser(message, details);
            case ASSISTANT -> decodeAi(message, details);
            case TOOL -> decodeToolResult(message, details);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detailsOf(Message message) {
        Object details = message.attributes().get(KEY);
        return details instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributesOf(Map<String, Object> details) {
        Object attributes = details.get("attributes");
        return attributes instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map)
                : new LinkedHashMap<>();
    }

    private ChatMessage decodeUser(Message message, Map<String, Object> details) {
        UserMessage.Builder builder = UserMessage.builder().name(message.name())
                .contents(decodeContents(message, details)).attributes(attributesOf(details));
        return builder.build();
    }

    private ChatMessage decodeAi(Message message, Map<String, Object> details) {
        return AiMessage.builder().text(message.content()).thinking((String) details.get("thinking"))
                .toolExecutionRequests(decodeRequests(message, details)).attributes(attributesOf(details)).build();
    }

    @SuppressWarnings("unchecked")
    private static List<ToolExecutionRequest> decodeRequests(Message message, Map<String, Object> details) {
        List<ToolExecutionRequest> requests = new ArrayList<>();
        Object raw = details.get("toolExecutionRequests");
        if (raw instanceof List<?> list) {
            for (Object one : list) {
                Map<String, Object> request = (Map<String, Object>) one;
                requests.add(ToolExecutionRequest.builder().id((String) request.get("id"))
                        .name((String) request.get("name")).arguments((String) request.get("arguments")).build());
            }
            return requests;
        }
        for (ToolCall call : message.toolCalls()) {
            requests.add(ToolExecutionRequest.builder().id(call.id()).name(call.functionName())
                    .arguments(call.arguments()).build());
        }
        return requests;
    }

    private ChatMessage decodeToolResult(Message message, Map<String, Object> details) {
        String id = details.containsKey("id") ? (String) details.get("id") : message.toolCallId();
        return ToolExecutionResultMessage.builder().id(id).toolName(message.name())
                .contents(decodeContents(message, details)).isError((Boolean) details.get("isError"))
                .attributes(attributesOf(details)).build();
    }

    @SuppressWarnings("unchecked")
    private List<Content> decodeContents(Message message, Map<String, Object> details) {
        List<Content> contents = new ArrayList<>();
        Object described = details.get("contents");
        if (!(described instanceof List<?> list)) {
            if (message.content() != null) {
                contents.add(TextContent.from(message.content()));
            }
            for (ContentPart part : message.parts()) {
                contents.add(part instanceof ContentPart.Text text ? TextContent.from(text.text())
                        : ImageContent.from(((ContentPart.ImageUrl) part).url()));
            }
            return contents;
        }
        for (Object one : list) {
            contents.add(decodeContent(message, (Map<String, Object>) one));
        }
        return contents;
    }

    private Content decodeContent(Message message, Map<String, Object> described) {
        if (!(described.get("type") instanceof String type)) {
            throw new IllegalStateException("message " + message.id() + " holds a LangChain4j content description"
                    + " without a type: " + described);
        }
        Object part = described.get("part");
        if ("TEXT".equals(type)) {
            return TextContent.from(((ContentPart.Text) message.parts().get(index(part))).text());
        }
        String mimeType = (String) described.get("mimeType");
        String base64 = described.containsKey("attachment")
                ? readAttachment(message, message.attachments().get(index(described.get("attachment")))) : null;
        String url = part != null ? ((ContentPart.ImageUrl) message.parts().get(index(part))).url()
                : (String) described.get("url");
        return switch (type) {
            case "IMAGE" -> decodeImage(described, url, base64, mimeType);
            case "AUDIO" -> AudioContent.from(Audio.builder().url(url == null ? null : URI.create(url))
                    .base64Data(base64).mimeType(mimeType).build());
            case "PDF" -> PdfFileContent.from(PdfFile.builder().url(url == null ? null : URI.create(url))
                    .base64Data(base64).mimeType(mimeType).build());
            default -> throw new IllegalStateException("message " + message.id() + " holds a LangChain4j content of"
                    + " unknown type " + type);
        };
    }

    private static Content decodeImage(Map<String, Object> described, @Nullable String url, @Nullable String base64,
                                       @Nullable String mimeType) {
        Image image = Image.builder().url(url == null ? null : URI.create(url)).base64Data(base64).mimeType(mimeType)
                .revisedPrompt((String) described.get("revisedPrompt")).build();
        Object detail = described.get("detailLevel");
        return detail == null ? new ImageContent(image)
                : new ImageContent(image, ImageContent.DetailLevel.valueOf((String) detail));
    }

    private String readAttachment(Message message, Attachment attachment) {
        if (fileStore == null) {
            throw new IllegalStateException("message " + message.id() + " holds content data in attachment "
                    + attachment.filename() + ": a FileStore is required to read it (give one to the builder)");
        }
        byte[] bytes = fileStore.get(Objects.requireNonNull(attachment.fileId()),
                Objects.requireNonNull(attachment.storagePath()));
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static int index(@Nullable Object value) {
        return ((Number) Objects.requireNonNull(value, "index")).intValue();
    }
}
