package dev.threadstore.examples;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import dev.threadstore.UnsupportedFileTypeException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Stores a PDF and an image with a thread and reads them back: the thread store keeps the attachments'
 * metadata (file id, storage path, MIME type, size, SHA-256, what kind of file it is), the file store
 * keeps the bytes. Also shows that a refused file fails the whole save and leaves nothing behind, and
 * that deleting a thread with its file store removes its files.
 *
 * <p>Arguments, both optional: a store URL (default {@code memory:}) and the file store directory
 * (default {@code threadstore-example-files} in the working directory), e.g.
 * {@code sqlite:/tmp/t.db /tmp/files}.
 */
public final class AttachmentsExample {

    /** The store a run without arguments uses. */
    public static final String DEFAULT_URL = "memory:";

    /** The file store directory a run without a second argument uses. */
    public static final String DEFAULT_FILES = "threadstore-example-files";

    /** A one-page PDF that says "Hello, PDF". */
    private static final byte[] PDF = ("%PDF-1.4\n"
            + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R"
            + " /Resources << /Font << /F1 5 0 R >> >> >> endobj\n"
            + "4 0 obj << /Length 44 >> stream\nBT /F1 18 Tf 20 40 Td (Hello, PDF) Tj ET\nendstream endobj\n"
            + "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
            + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);

    /** A 1x1 PNG. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private final PrintStream out;

    AttachmentsExample(PrintStream out) {
        this.out = out;
    }

    /**
     * @param args an optional store URL and an optional file store directory
     */
    public static void main(String[] args) {
        String url = args.length > 0 && !args[0].isBlank() ? args[0] : DEFAULT_URL;
        String files = args.length > 1 && !args[1].isBlank() ? args[1] : DEFAULT_FILES;
        new AttachmentsExample(System.out).run(url, files);
    }

    void run(String url, String filesDirectory) {
        try (ThreadStore store = ThreadStore.create(url); FileStore files = FileStore.create(filesDirectory)) {
            out.println("Thread store " + url + ", file store " + filesDirectory + " (" + files.fileCount() + " file(s) in it)");

            out.println("\n== save: a message with a PDF and an image");
            Message question = Message.user("Here is the report and the chart, can you summarise them?")
                    .withAttachment(PDF, "quarterly-report.pdf")
                    .withAttachment(PNG, "revenue-chart.png");
            ChatThread saved = store.save(ChatThread.create("Quarterly report review").withMessage(question), files);
            for (Attachment a : saved.messages().get(0).attachments()) {
                out.printf("  %-22s %-16s %5d bytes  %s  type=%s%n", a.filename(), a.mimeType(), a.size(), a.storagePath(),
                        a.attributes().get("type"));
            }

            out.println("\n== get: read the thread back, then each file's bytes from the file store");
            ChatThread loaded = store.get(saved.id()).orElseThrow();
            for (Attachment a : loaded.messages().get(0).attachments()) {
                // A stored attachment always has its file id, path and hash; a pending one (not here) has none yet.
                byte[] bytes = files.get(Objects.requireNonNull(a.fileId()), Objects.requireNonNull(a.storagePath()));
                boolean same = Arrays.equals(bytes, a.filename().endsWith(".pdf") ? PDF : PNG);
                out.printf("  %-22s %5d bytes read back, sha256 %s..., identical to what was saved: %s%n",
                        a.filename(), bytes.length, Objects.requireNonNull(a.sha256()).substring(0, 12), same);
            }

            out.println("\n== a refused file fails the whole save and leaves nothing behind");
            long before = files.fileCount();
            Message withExecutable = Message.user("and this tool").withAttachment(PDF, "again.pdf")
                    .withAttachment(new byte[] {'M', 'Z', 0, 0}, "setup.exe");
            try {
                store.save(loaded.withMessage(withExecutable), files);
            } catch (UnsupportedFileTypeException e) {
                String why = String.valueOf(e.getMessage());
                out.println("  refused: " + why.substring(0, why.indexOf(';')));
            }
            out.printf("  files before: %d, after: %d; thread version still %d%n", before, files.fileCount(),
                    store.get(saved.id()).orElseThrow().version());

            out.println("\n== delete the thread with its file store: its files go too");
            store.delete(saved.id(), files);
            out.println("  files left: " + files.fileCount());
        }
    }
}
