package dev.threadstore;

import dev.threadstore.spi.JsonValues;
import java.util.Objects;

/** One part of a multimodal message: text or an image reference. */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.ImageUrl {

    /**
     * A text part.
     *
     * @param text the text
     */
    record Text(String text) implements ContentPart {
        /** Validates the text. */
        public Text {
            Objects.requireNonNull(text, "text");
            JsonValues.checkText(text, "text part");
        }
    }

    /**
     * An image given by URL (an {@code https:} or {@code data:} URL).
     *
     * @param url the image URL
     */
    record ImageUrl(String url) implements ContentPart {
        /** Validates the URL. */
        public ImageUrl {
            Objects.requireNonNull(url, "url");
            JsonValues.checkText(url, "image URL");
        }
    }

    /**
     * A text part.
     *
     * @param text the text
     * @return a text part
     * @throws IllegalArgumentException if the text is not valid text
     * @throws NullPointerException if {@code text} is null
     */
    static ContentPart text(String text) {
        return new Text(text);
    }

    /**
     * An image part.
     *
     * @param url the image's URL (also a {@code data:} URL)
     * @return an image part
     * @throws IllegalArgumentException if the URL is not valid text
     * @throws NullPointerException if {@code url} is null
     */
    static ContentPart imageUrl(String url) {
        return new ImageUrl(url);
    }
}
