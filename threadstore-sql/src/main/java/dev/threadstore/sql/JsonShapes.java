package dev.threadstore.sql;

import dev.threadstore.ContentPart;
import dev.threadstore.MessageSource;
import dev.threadstore.ToolCall;
import dev.threadstore.spi.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of the structured message columns, each an encoder and its decoder side by side, so that a
 * change to one is seen next to the other and the pair is tested as a round trip. Encoders produce plain maps
 * and lists for {@link JsonText#write}; decoders take what {@link JsonText#read} produced and check every type
 * they meet through the {@link Column}, so an unknown shape is the store's own error naming the row.
 */
final class JsonShapes {

    /**
     * One JSON shape.
     *
     * @param <T> the domain value
     */
    interface Shape<T> {

        /** @return the value as plain JSON maps, lists, strings, numbers, booleans and nulls */
        Object encode(T value);

        /**
         * @param json what {@link JsonText#read} produced
         * @param column where it was read, for errors
         * @return the domain value
         * @throws dev.threadstore.StorageException naming the column when the JSON is not of this shape
         */
        T decode(@Nullable Object json, Column column);

        /**
         * The value of a column that holds this shape's empty JSON, decoded without parsing anything.
         *
         * @param json the column's JSON text, as the dialect decodes it
         * @return the decoded value when {@code json} is this shape's empty value ({@code []} or {@code {}}),
         *     otherwise null: then the text goes through {@link JsonText#read} and {@link #decode}
         */
        default @Nullable T ofEmpty(String json) {
            return null;
        }
    }

    /** {@code messages.parts}: {@code [{"type":"text","text":…} | {"type":"image_url","url":…}, …]}. */
    static final Shape<List<ContentPart>> PARTS = new Shape<>() {
        @Override
        public Object encode(List<ContentPart> parts) {
            List<Object> json = new ArrayList<>(parts.size());
            for (ContentPart part : parts) {
                Map<String, Object> p = new LinkedHashMap<>();
                if (part instanceof ContentPart.Text text) {
                    p.put("type", "text");
                    p.put("text", text.text());
                } else if (part instanceof ContentPart.ImageUrl image) {
                    p.put("type", "image_url");
                    p.put("url", image.url());
                }
                json.add(p);
            }
            return json;
        }

        @Override
        public List<ContentPart> decode(@Nullable Object json, Column column) {
            List<ContentPart> parts = new ArrayList<>();
            for (Object o : column.list(json)) {
                Map<?, ?> p = column.map(o, "a content part");
                Object type = p.get("type");
                if ("text".equals(type)) {
                    parts.add(new ContentPart.Text(column.string(p, "text")));
                } else if ("image_url".equals(type)) {
                    parts.add(new ContentPart.ImageUrl(column.string(p, "url")));
                } else {
                    throw column.corrupt("a content part of unknown type " + JsonText.write(type));
                }
            }
            return parts;
        }

        @Override
        public @Nullable List<ContentPart> ofEmpty(String json) {
            return json.equals("[]") ? List.of() : null;
        }
    };

    /** {@code messages.tool_calls}: {@code [{"id":…,"type":…,"function":…,"arguments":…}, …]}. */
    static final Shape<List<ToolCall>> TOOL_CALLS = new Shape<>() {
        @Override
        public Object encode(List<ToolCall> toolCalls) {
            List<Object> json = new ArrayList<>(toolCalls.size());
            for (ToolCall call : toolCalls) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("id", call.id());
                c.put("type", call.type());
                c.put("function", call.functionName());
                c.put("arguments", call.arguments());
                json.add(c);
            }
            return json;
        }

        @Override
        public List<ToolCall> decode(@Nullable Object json, Column column) {
            List<ToolCall> calls = new ArrayList<>();
            for (Object o : column.list(json)) {
                Map<?, ?> c = column.map(o, "a tool call");
                String id = column.string(c, "id");
                String type = column.string(c, "type");
                String function = column.string(c, "function");
                String arguments = column.string(c, "arguments");
                calls.add(column.decode(() -> new ToolCall(id, type, function, arguments)));
            }
            return calls;
        }

        @Override
        public @Nullable List<ToolCall> ofEmpty(String json) {
            return json.equals("[]") ? List.of() : null;
        }
    };

    /** {@code messages.source}: {@code {"id":…,"name":…|null,"type":"USER"|…|null,"attributes":{…}}}. */
    static final Shape<MessageSource> MESSAGE_SOURCE = new Shape<>() {
        @Override
        public Object encode(MessageSource source) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", source.id());
            json.put("name", source.name());
            json.put("type", source.type() == null ? null : source.type().name());
            json.put("attributes", source.attributes());
            return json;
        }

        @Override
        public MessageSource decode(@Nullable Object json, Column column) {
            Map<String, Object> s = column.object(json);
            String id = column.string(s, "id");
            String name = column.optionalString(s, "name");
            String typeName = column.optionalString(s, "type");
            MessageSource.Type type = typeName == null ? null : column.enumValue(MessageSource.Type.class, typeName);
            Object attributesJson = s.get("attributes");
            Map<String, Object> attributes = attributesJson == null ? Map.of() : OBJECT.decode(attributesJson, column);
            return column.decode(() -> new MessageSource(id, name, type, attributes));
        }
    };

    /** {@code messages.reactions}: {@code {"👍":["ann","bob"], …}}. */
    static final Shape<Map<String, List<String>>> REACTIONS = new Shape<>() {
        @Override
        public Object encode(Map<String, List<String>> reactions) {
            return reactions;
        }

        @Override
        public Map<String, List<String>> decode(@Nullable Object json, Column column) {
            Map<String, List<String>> reactions = new LinkedHashMap<>();
            column.object(json).forEach((emoji, users) -> {
                List<String> names = new ArrayList<>();
                for (Object u : column.list(users)) {
                    if (!(u instanceof String name)) {
                        throw column.corrupt("a reaction by " + JsonText.write(u) + ", not a user name");
                    }
                    names.add(name);
                }
                reactions.put(emoji, names);
            });
            return reactions;
        }

        @Override
        public @Nullable Map<String, List<String>> ofEmpty(String json) {
            return json.equals("{}") ? Map.of() : null;
        }
    };

    /**
     * The attribute and metric columns: any JSON object, decoded straight into the canonical form the records hold
     * ({@link JsonValues#copyOf}), which they then keep without copying or checking it again.
     */
    static final Shape<Map<String, Object>> OBJECT = new Shape<>() {
        private final Map<String, Object> empty = JsonValues.copyOf(Map.of(), "an empty JSON object");

        @Override
        public Object encode(Map<String, Object> object) {
            return object;
        }

        @Override
        public Map<String, Object> decode(@Nullable Object json, Column column) {
            if (!(json instanceof Map<?, ?> map)) {
                return column.object(json); // throws the column's error
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> object = (Map<String, ?>) map; // JsonValues checks every key is a string
            return column.decode(() -> JsonValues.copyOf(object, "the JSON object"));
        }

        @Override
        public @Nullable Map<String, Object> ofEmpty(String json) {
            return json.equals("{}") ? empty : null;
        }
    };

    private JsonShapes() {
    }
}
