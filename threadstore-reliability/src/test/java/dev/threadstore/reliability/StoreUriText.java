package dev.threadstore.reliability;

import dev.threadstore.spi.StoreUri;

/** How the suite shows a URL in its own messages: password masked, control characters escaped, abbreviated. */
final class StoreUriText {

    private StoreUriText() {
    }

    static String show(String url) {
        String masked = StoreUri.mask(url).replace(Secrets.PASSWORD, "****").replace("\u0000", "\\u0000");
        return masked.length() > 120 ? masked.substring(0, 117) + "..." : masked;
    }
}
