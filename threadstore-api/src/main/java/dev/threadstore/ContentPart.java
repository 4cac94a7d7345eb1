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

    /** @return a text part */
    static ContentPart text(String text) {
        return new Text(text);
    }

    /** @return an image part */
    static ContentPart imageUrl(String url) {
        return new ImageUrl(url);
    }
}
