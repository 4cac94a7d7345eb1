package dev.threadstore.springai;

import static dev.threadstore.springai.SpringAiMessageAssert.assertSameMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.messages.AbstractMessage;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/** The message mapping, Spring AI's repository semantics and bad input, on the memory backend. */
class SpringAiMappingTest {

    @TempDir
    Path files;

    private final ThreadStore store = ThreadStore.create("memory:");
    private FileStore fileStore;

    @AfterEach
    void close() {
        store.close();
        if (fileStore != null) {
            fileStore.close();
        }
    }

    private FileStore fileStore() {
        if (fileStore == null) {
            fileStore = FileStore.create(files.toUri().toString());
        }
        return fileStore;
    }

    @Test
    void everyMessageKindRoundTripsExactly() {
        ThreadStoreChatMemoryRepository repository = ThreadStoreChatMemoryRepository.builder(store)
                .fileStore(fileStore()).build();
        List<org.springframework.ai.chat.messages.Message> conversation = everyKind();

        repository.saveAll("all-kinds", conversation);

        List<org.springframework.ai.chat.messages.Message> read = repository.findByConversationId("all-kinds");
        assertThat(read).isEqualTo(conversation);
        assertSameMessages(read, conversation);
        ThreadStoreChatMemory memory = ThreadStoreChatMemory.builder(store).fileStore(fileStore()).maxMessages(100).build();
        memory.add("all-kinds-appended", conversation);
        assertSameMessages(memory.get("all-kinds-appended"), conversation);
    }

    @Test
    void storedMessagesAreOrdinaryThreadstoreMessages() {
        new ThreadStoreChatMemoryRepository(store).saveAll("plain", List.of(
                UserMessage.builder().text("look").media(new Media(MimeTypeUtils.IMAGE_JPEG,
                        URI.create("https://example.com/a.jpg"))).metadata(Map.of("user", "ada")).build(),
                ToolResponseMessage.builder().responses(List.of(
                        new ToolResponseMessage.ToolResponse("c1", "weather", "sunny"),
                        new ToolResponseMessage.ToolResponse("c2", "time", "noon"))).build()));

        List<Message> stored = store.get("plain").orElseThrow().messages();
        assertThat(stored).extracting(Message::role).containsExactly(Role.USER, Role.TOOL, Role.TOOL);
        assertThat(stored.get(0).parts()).containsExactly(dev.threadstore.ContentPart.imageUrl("https://example.com/a.jpg"));
        assertThat(stored.get(0).attributes()).containsEntry("user", "ada");
        assertThat(stored.subList(1, 3)).extracting(Message::toolCallId, Message::name, Message::content)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", "weather", "sunny"),
                        org.assertj.core.groups.Tuple.tuple("c2", "time", "noon"));
    }

    @Test
    void findByConversationIdAfterSaveAllEqualsWhatSpringAisOwnRepositoryReturns() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        ChatMemoryRepository ours = new ThreadStoreChatMemoryRepository(store);
        ChatMemoryRepository theirs = new InMemoryChatMemoryRepository();
        List<org.springframework.ai.chat.messages.Message> conversation = new ArrayList<>();
        for (int step = 0; step < 200; step++) {
            edit(conversation, random, step);
            ours.saveAll("generated", conversation);
            theirs.saveAll("generated", conversation);
            assertThat(ours.findByConversationId("generated"))
                    .as("seed %d, step %d", seed, step)
                    .isEqualTo(conversation)
                    .isEqualTo(theirs.findByConversationId("generated"));
        }
    }

    @Test
    void messageIdsAreExposedOnlyWhenAskedAndIdentifyTheStoredMessages() {
        List<org.springframework.ai.chat.messages.Message> conversation = List.of(new UserMessage("hi"),
                new AssistantMessage("hello"));
        new ThreadStoreChatMemoryRepository(store).saveAll("ids", conversation);
        assertThat(new ThreadStoreChatMemoryRepository(store).findByConversationId("ids")).isEqualTo(conversation);

        ThreadStoreChatMemoryRepository exposing = ThreadStoreChatMemoryRepository.builder(store)
                .exposeMessageIds(true).build();
        List<org.springframework.ai.chat.messages.Message> read = exposing.findByConversationId("ids");
        ChatThread thread = store.get("ids").orElseThrow();
        assertThat(read).extracting(m -> m.getMetadata().get(ThreadStoreChatMemoryRepository.MESSAGE_ID_METADATA_KEY))
                .containsExactlyElementsOf(thread.messages().stream().map(Message::id).toList());

        exposing.saveAll("ids", read);
        assertThat(store.get("ids").orElseThrow().version()).as("saving what was read writes nothing")
                .isEqualTo(thread.version());
        List<org.springframework.ai.chat.messages.Message> more = new ArrayList<>(read);
        more.add(new UserMessage("again"));
        exposing.saveAll("ids", more);
        assertThat(exposing.findByConversationId("ids")).hasSize(3).startsWith(read.get(0), read.get(1));
    }

    @Test
    void aConversationIdThatIsNotAThreadIdIsRefusedBeforeAnyWrite() {
        ThreadStoreChatMemoryRepository repository = new ThreadStoreChatMemoryRepository(store);
        ThreadStoreChatMemory memory = ThreadStoreChatMemory.builder(store).build();
        List<org.springframework.ai.chat.messages.Message> one = List.of(new UserMessage("hi"));
        for (String bad : List.of("", "   ", "x".repeat(256), "bad\ud800id")) {
            List<Consumer<String>> calls = List.of(id -> repository.saveAll(id, one), repository::findByConversationId,
                    repository::deleteByConversationId, id -> memory.add(id, one), memory::get, memory::clear);
            for (Consumer<String> call : calls) {
                assertThatThrownBy(() -> call.accept(bad)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("conversationId");
            }
        }
        assertThatThrownBy(() -> memory.add(null, one)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("conversationId");
        assertThat(store.listRecent()).isEmpty();
    }

    @Test
    void aMessageTypeTheMappingCannotCarryIsRefusedAndNothingIsWritten() {
        ThreadStoreChatMemoryRepository repository = new ThreadStoreChatMemoryRepository(store);
        ThreadStoreChatMemory memory = ThreadStoreChatMemory.builder(store).build();
        repository.saveAll("kept", List.of(new UserMessage("before")));
        long version = store.get("kept").orElseThrow().version();
        org.springframework.ai.chat.messages.Message custom = new CustomMessage();
        org.springframework.ai.chat.messages.Message subclass = new UserMessage("sub") {
        };

        for (org.springframework.ai.chat.messages.Message bad : List.of(custom, subclass)) {
            List<org.springframework.ai.chat.messages.Message> list = List.of(new UserMessage("ok"), bad);
            assertThatThrownBy(() -> repository.saveAll("kept", list)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("message 1").hasMessageContaining(bad.getClass().getName());
            assertThatThrownBy(() -> memory.add("kept", list)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.getClass().getName());
            assertThatThrownBy(() -> memory.add("new", list)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.get("kept").orElseThrow().version()).isEqualTo(version);
        assertThat(store.get("new")).isEmpty();
    }

    @Test
    void metadataThatIsNotJsonIsRefusedNamingTheKeyAndNothingIsWritten() {
        ThreadStoreChatMemoryRepository repository = new ThreadStoreChatMemoryRepository(store);
        ThreadStoreChatMemory memory = ThreadStoreChatMemory.builder(store).build();
        Map<String, Object> nested = new HashMap<>();
        nested.put("when", Instant.EPOCH);
        for (Map<String, Object> metadata : List.of(Map.<String, Object>of("created", Instant.EPOCH),
                Map.<String, Object>of("deep", List.of(1, nested)), Map.<String, Object>of("springai", "mine"))) {
            String key = metadata.keySet().iterator().next();
            List<org.springframework.ai.chat.messages.Message> list = List.of(new UserMessage("ok"),
                    UserMessage.builder().text("bad").metadata(metadata).build());
            assertThatThrownBy(() -> repository.saveAll("meta", list)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + key);
            assertThatThrownBy(() -> memory.add("meta", list)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + key);
        }
        assertThat(store.get("meta")).isEmpty();
    }

    @Test
    void mediaBytesNeedAFileStoreToBeWrittenAndToBeRead() {
        UserMessage withBytes = UserMessage.builder().text("see").media(Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG)
                .data(ChatMemoryAdapterContract.png()).build()).build();
        assertThatThrownBy(() -> new ThreadStoreChatMemoryRepository(store).saveAll("bytes", List.of(withBytes)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FileStore");
        assertThatThrownBy(() -> ThreadStoreChatMemory.builder(store).build().add("bytes", withBytes))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FileStore");
        assertThat(store.get("bytes")).isEmpty();

        ThreadStoreChatMemory.builder(store).fileStore(fileStore()).build().add("bytes", withBytes);
        assertThat(fileStore().fileCount()).isEqualTo(1);
        assertThatThrownBy(() -> ThreadStoreChatMemory.builder(store).build().get("bytes"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FileStore");
        assertSameMessages(ThreadStoreChatMemory.builder(store).fileStore(fileStore()).build().get("bytes"),
                List.of(withBytes));

        ThreadStoreChatMemory.builder(store).fileStore(fileStore()).build().clear("bytes");
        assertThat(store.get("bytes")).isEmpty();
        assertThat(fileStore().fileCount()).as("clear deletes the conversation's files").isZero();
    }

    @Test
    void anEmptySaveAllEmptiesAnExistingConversationAndCreatesNone() {
        ThreadStoreChatMemoryRepository repository = new ThreadStoreChatMemoryRepository(store);
        repository.saveAll("empty", List.of());
        assertThat(repository.findConversationIds()).isEmpty();
        repository.saveAll("full", List.of(new UserMessage("hi")));
        repository.saveAll("full", List.of());
        assertThat(repository.findByConversationId("full")).isEmpty();
        repository.deleteByConversationId("full");
        assertThat(repository.findConversationIds()).isEmpty();
    }

    @Test
    void findConversationIdsListsEveryThreadAcrossPages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1005; i++) {
            ids.add(store.save(ChatThread.builder().id("c" + i).build()).id());
        }
        assertThat(new ThreadStoreChatMemoryRepository(store).findConversationIds())
                .hasSize(1005).containsExactlyInAnyOrderElementsOf(ids);
    }

    /** One of each kind the mapping carries, with every field that must survive. */
    private static List<org.springframework.ai.chat.messages.Message> everyKind() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("int", 7);
        metadata.put("long", 7L);
        metadata.put("float", 1.5f);
        metadata.put("double", 0.1);
        metadata.put("text", "\u00e9\u4e2d\ud83d\ude00 \u0000 nul");
        metadata.put("flag", true);
        metadata.put("nothing", null);
        metadata.put("list", List.of("a", 2L, Map.of("x", 1.25)));
        metadata.put("map", Map.of("nested", List.of(true, false)));
        return List.of(
                SystemMessage.builder().text("You are terse.").metadata(Map.of("version", 3)).build(),
                UserMessage.builder().text("what is in these?").metadata(metadata).media(
                        Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(URI.create("https://example.com/a.png"))
                                .id("img-a").build(),
                        new Media(MimeType.valueOf("application/pdf"), URI.create("https://example.com/doc.pdf")),
                        Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(ChatMemoryAdapterContract.png())
                                .name("dot.png").build()).build(),
                AssistantMessage.builder().content(null).properties(Map.of("finishReason", "TOOL_CALLS"))
                        .toolCalls(List.of(new AssistantMessage.ToolCall("c1", "function", "weather", "{\"city\":\"Oslo\"}"),
                                new AssistantMessage.ToolCall("c2", "function", "time", ""),
                                new AssistantMessage.ToolCall("c3", "", "noop", "{}"))).build(),
                ToolResponseMessage.builder().metadata(Map.of("elapsedMs", 12L)).responses(List.of(
                        new ToolResponseMessage.ToolResponse("c1", "weather", "{\"sky\":\"clear\"}"),
                        new ToolResponseMessage.ToolResponse("c2", "time", "12:00"),
                        new ToolResponseMessage.ToolResponse("c3", null, ""))).build(),
                AssistantMessage.builder().content("").build(),
                new AssistantMessage("Clear sky at noon."),
                new UserMessage(""));
    }

    /** One random edit of the kinds chat memories make: add, trim the oldest, replace, reorder or empty. */
    private static void edit(List<org.springframework.ai.chat.messages.Message> conversation, Random random, int step) {
        int kind = random.nextInt(10);
        if (kind < 5 || conversation.isEmpty()) {
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                conversation.add(randomMessage(random, step + "." + i));
            }
        } else if (kind < 7) {
            conversation.subList(0, 1 + random.nextInt(conversation.size())).clear();
        } else if (kind < 8) {
            conversation.set(random.nextInt(conversation.size()), randomMessage(random, "replaced " + step));
        } else if (kind < 9) {
            java.util.Collections.swap(conversation, 0, conversation.size() - 1);
        } else {
            conversation.clear();
        }
    }

    private static org.springframework.ai.chat.messages.Message randomMessage(Random random, String label) {
        return switch (random.nextInt(5)) {
            case 0 -> new SystemMessage("system " + label);
            case 1 -> AssistantMessage.builder().content("answer " + label).properties(Map.of("n", random.nextInt(3)))
                    .build();
            case 2 -> AssistantMessage.builder().content(null).toolCalls(List.of(
                    new AssistantMessage.ToolCall("call " + label, "function", "f", "{}"))).build();
            case 3 -> ToolResponseMessage.builder().responses(Arrays.asList(
                    new ToolResponseMessage.ToolResponse("call " + label, "f", "r1"),
                    new ToolResponseMessage.ToolResponse("call2 " + label, "g", "r2"))).build();
            default -> new UserMessage(random.nextBoolean() ? "same" : "question " + label);
        };
    }

    /** A message type of Spring AI's hierarchy that is none of the four the mapping carries. */
    private static final class CustomMessage extends AbstractMessage {
        CustomMessage() {
            super(MessageType.USER, "custom", Map.of());
        }
    }
}
