package dev.threadstore.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter driven through LangChain4j's own classes ({@code MessageWindowChatMemory}, {@code AiServices})
 * against one backend; a subclass per backend says how to open a store and a second store on the same data.
 * The stores are opened once per class (opening migrates the schema, the slow part); each test works on a
 * conversation of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatMemoryBackendTest {

    @TempDir
    static Path dir;

    private final List<AutoCloseable> opened = new ArrayList<>();
    ThreadStore store;
    FileStore fileStore;
    String threadId;

    /** @return a new store on fresh, isolated data; the test closes it */
    abstract ThreadStore openFirst();

    /** @return a second store instance on the data of {@link #openFirst()} (the memory backend: the same one) */
    abstract ThreadStore openSecond();

    /** Removes what the test left on a shared server, before the stores are closed. */
    void cleanUp() throws Exception {
    }

    private ThreadStore second;

    @BeforeAll
    void open() {
        store = track(openFirst());
        fileStore = track(FileStore.create(dir.resolve("files").toString()));
    }

    @BeforeEach
    void newConversation() {
        threadId = "conversation-" + UUID.randomUUID();
    }

    /** @return the second store, opened on first use */
    ThreadStore second() {
        if (second == null) {
            second = openSecond();
        }
        return second;
    }

    @AfterAll
    void close() throws Exception {
        try {
            cleanUp();
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
        }
    }

    <T extends AutoCloseable> T track(T resource) {
        opened.add(resource);
        return resource;
    }

    @Test
    void fiftyTurnConversationComesBackEqualMessageByMessageInASecondStore() {
        List<ChatMessage> script = Conversation.script(50);
        new ThreadStoreChatMemoryStore(store, fileStore).updateMessages(threadId, script);

        List<ChatMessage> read = new ThreadStoreChatMemoryStore(second(), fileStore).getMessages(threadId);

        assertThat(read).hasSameSizeAs(script);
        for (int i = 0; i < script.size(); i++) {
            assertThat(read.get(i)).as("message %d", i).isEqualTo(script.get(i));
        }
    }

    @Test
    void messageWindowChatMemoryOverThisStoreBehavesAsOverLangChain4jsInMemoryStore() {
        InMemoryChatMemoryStore reference = new InMemoryChatMemoryStore();
        ChatMemory expected = MessageWindowChatMemory.builder().id(threadId).maxMessages(12)
                .chatMemoryStore(reference).build();
        ChatMemory actual = MessageWindowChatMemory.builder().id(threadId).maxMessages(12)
                .chatMemoryStore(new ThreadStoreChatMemoryStore(store, fileStore)).build();

        for (ChatMessage message : Conversation.script(50)) {
            expected.add(message);
            actual.add(message);
            assertThat(actual.messages()).isEqualTo(expected.messages());
        }
        assertThat(new ThreadStoreChatMemoryStore(second(), fileStore).getMessages(threadId))
                .isEqualTo(reference.getMessages(threadId));
    }

    @Test
    void updateMessagesLeavesKeptMessagesUntouchedDeletesDroppedOnesAndAppendsTheRest() {
        ThreadStoreChatMemoryStore memoryStore = new ThreadStoreChatMemoryStore(store, fileStore);
        List<ChatMessage> script = Conversation.script(5);
        memoryStore.updateMessages(threadId, script.subList(0, 6));
        List<Message> before = store.get(threadId).orElseThrow().messages();

        memoryStore.updateMessages(threadId, script.subList(0, 8));
        List<Message> grown = store.get(threadId).orElseThrow().messages();
        assertThat(grown.subList(0, 6)).isEqualTo(before);

        List<ChatMessage> withoutSecond = new ArrayList<>(script.subList(0, 8));
        withoutSecond.remove(1);
        withoutSecond.add(UserMessage.from("one more"));
        memoryStore.updateMessages(threadId, withoutSecond);
        List<Message> after = store.get(threadId).orElseThrow().messages();

        List<Message> kept = new ArrayList<>(grown);
        kept.remove(1);
        assertThat(after.subList(0, kept.size())).isEqualTo(kept);
        assertThat(after).hasSize(kept.size() + 1);
        assertThat(after.get(after.size() - 1).sequence()).isGreaterThan(grown.get(grown.size() - 1).sequence());
        assertThat(memoryStore.getMessages(threadId)).isEqualTo(withoutSecond);

        memoryStore.deleteMessages(threadId);
        assertThat(memoryStore.getMessages(threadId)).isEmpty();
        assertThat(store.get(threadId)).isEmpty();
    }

    /** The tool the scripted model calls. */
    static final class WeatherTool {
        @Tool("The weather in a city")
        String weather(@P(name = "city", value = "the city") String city) {
            return "sunny in " + city;
        }
    }

    interface Assistant {
        @dev.langchain4j.service.SystemMessage("You are a terse assistant.")
        String chat(@MemoryId String conversation, @dev.langchain4j.service.UserMessage String text);
    }

    @Test
    void aiServicesAssistantWithToolsSeesWhatItWouldSeeWithLangChain4jsOwnMemory() {
        Map<Object, ChatMemory> referenceMemories = new HashMap<>();
        ChatMemoryProvider reference = id -> referenceMemories.computeIfAbsent(id,
                key -> MessageWindowChatMemory.builder().id(key).maxMessages(1_000).build());
        ChatMemoryProvider ours = new ThreadStoreChatMemoryProvider(store, 1_000, fileStore);
        ScriptedChatModel referenceModel = new ScriptedChatModel();
        ScriptedChatModel ourModel = new ScriptedChatModel();

        converse(referenceModel, reference);
        converse(ourModel, ours);

        assertThat(ourModel.requests()).hasSameSizeAs(referenceModel.requests());
        for (int i = 0; i < referenceModel.requests().size(); i++) {
            assertThat(ourModel.requests().get(i)).as("request %d", i).isEqualTo(referenceModel.requests().get(i));
        }
        List<ChatMessage> history = new ThreadStoreChatMemoryStore(second(), fileStore).getMessages(threadId);
        assertThat(history).isEqualTo(referenceMemories.get(threadId).messages());
        assertThat(history).hasAtLeastOneElementOfType(ToolExecutionResultMessage.class);
        assertThat(history.stream().filter(SystemMessage.class::isInstance)).hasSize(1);
    }

    private void converse(ScriptedChatModel model, ChatMemoryProvider memories) {
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).chatMemoryProvider(memories)
                .tools(new WeatherTool()).build();
        for (int turn = 1; turn <= 50; turn++) {
            if (turn == 10) {
                ChatMemory memory = memories.get(threadId);
                memory.add(UserMessage.from(TextContent.from("look at this"),
                        ImageContent.from(Conversation.PNG_BASE64, "image/png")));
                memory.add(AiMessage.from("a pixel"));
                continue;
            }
            String question = turn % 5 == 0 ? "what is the weather? (" + turn + ")" : "question " + turn;
            assertThat(assistant.chat(threadId, question)).isNotBlank();
        }
    }

    @Test
    void threadStoreChatMemoryKeepsEverythingAndShowsAToolSafeWindowWithTheSystemMessageFirst() {
        List<ChatMessage> script = Conversation.script(50);
        ChatMemory window = ThreadStoreChatMemory.builder(store).id(threadId).maxMessages(7).fileStore(fileStore)
                .build();
        List<ChatMessage> added = new ArrayList<>();
        for (ChatMessage message : script) {
            window.add(message);
            added.add(message);
            List<ChatMessage> shown = window.messages();
            assertThat(shown).hasSizeLessThanOrEqualTo(7);
            assertThat(shown.get(0)).isEqualTo(script.get(0));
            if (shown.size() > 1) {
                assertThat(shown.get(1)).isNotInstanceOf(ToolExecutionResultMessage.class);
                List<ChatMessage> rest = shown.subList(1, shown.size());
                assertThat(added.subList(added.size() - rest.size(), added.size())).isEqualTo(rest);
            }
        }
        window.add(script.get(0));

        ChatMemory everything = ThreadStoreChatMemory.builder(second()).id(threadId).maxMessages(1_000)
                .fileStore(fileStore).build();
        assertThat(everything.messages()).isEqualTo(script);
        assertThat(everything.id()).isEqualTo(threadId);

        everything.clear();
        assertThat(window.messages()).isEmpty();
    }

    /** @return a view of the store that counts its {@code get} calls */
    static ThreadStore countingGets(ThreadStore target, java.util.concurrent.atomic.AtomicInteger gets) {
        return (ThreadStore) java.lang.reflect.Proxy.newProxyInstance(ThreadStore.class.getClassLoader(),
                new Class<?>[] {ThreadStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        gets.incrementAndGet();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * Issue 16: once the memory has read the thread's first message, a window past it is one read while only this
     * memory appends; a write by anyone else (a save changing the first message, a delete) is seen at once.
     */
    @Test
    void aWindowPastTheSystemMessageIsOneReadWhileOnlyThisMemoryAppends() {
        java.util.concurrent.atomic.AtomicInteger gets = new java.util.concurrent.atomic.AtomicInteger();
        ChatMemory memory = ThreadStoreChatMemory.builder(countingGets(store, gets)).id(threadId).maxMessages(3).build();
        SystemMessage system = SystemMessage.from("Be brief.");
        memory.add(system);
        for (int i = 0; i < 5; i++) {
            memory.add(UserMessage.from("u" + i));
        }
        assertThat(memory.messages()).first().isEqualTo(system);
        for (int i = 5; i < 10; i++) {
            memory.add(UserMessage.from("u" + i));
            gets.set(0);
            List<ChatMessage> shown = memory.messages();
            assertThat(gets.get()).as("reads of messages() after add " + i).isEqualTo(1);
            assertThat(shown).containsExactly(system, UserMessage.from("u" + (i - 1)), UserMessage.from("u" + i));
        }

        ChatMemory other = ThreadStoreChatMemory.builder(second()).id(threadId).maxMessages(3).build();
        other.add(UserMessage.from("other"));
        assertThat(memory.messages()).containsExactly(system, UserMessage.from("u9"), UserMessage.from("other"));

        dev.threadstore.ChatThread stored = second().get(MemoryIds.threadId(threadId)).orElseThrow();
        List<dev.threadstore.Message> messages = new ArrayList<>(stored.messages());
        messages.set(0, messages.get(0).toBuilder().content("Be verbose.").build());
        second().save(stored.toBuilder().messages(messages).build());
        assertThat(memory.messages()).first().isEqualTo(SystemMessage.from("Be verbose."));

        stored = second().get(MemoryIds.threadId(threadId)).orElseThrow();
        second().save(stored.toBuilder().messages(stored.messages().subList(1, stored.messages().size())).build());
        assertThat(memory.messages()).containsExactly(UserMessage.from("u8"), UserMessage.from("u9"),
                UserMessage.from("other"));

        other.clear();
        other.add(UserMessage.from("a"));
        other.add(UserMessage.from("b"));
        other.add(UserMessage.from("c"));
        other.add(UserMessage.from("d"));
        assertThat(memory.messages()).containsExactly(UserMessage.from("b"), UserMessage.from("c"),
                UserMessage.from("d"));
        other.clear();
        other.add(SystemMessage.from("New rules."));
        for (String text : List.of("e", "f", "g")) {
            other.add(UserMessage.from(text));
        }
        assertThat(memory.messages()).containsExactly(SystemMessage.from("New rules."), UserMessage.from("f"),
                UserMessage.from("g"));
    }

    @Test
    void twoChatMemoriesAddingToOneConversationConcurrentlyLoseNothing() throws Exception {
        ChatMemory first = ThreadStoreChatMemory.builder(store).id(threadId).build();
        ChatMemory other = ThreadStoreChatMemory.builder(second()).id(threadId).build();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = executor.submit(addAll(first, "a"));
            Future<?> b = executor.submit(addAll(other, "b"));
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }

        List<ChatMessage> all = new ThreadStoreChatMemoryStore(store).getMessages(threadId);
        assertThat(all).hasSize(80);
        assertThat(all.stream().filter(m -> ((UserMessage) m).singleText().startsWith("a")))
                .containsExactlyElementsOf(messages("a"));
        assertThat(all.stream().filter(m -> ((UserMessage) m).singleText().startsWith("b")))
                .containsExactlyElementsOf(messages("b"));
    }

    private static Callable<Void> addAll(ChatMemory memory, String prefix) {
        return () -> {
            messages(prefix).forEach(memory::add);
            return null;
        };
    }

    private static List<ChatMessage> messages(String prefix) {
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            messages.add(UserMessage.from(prefix + i));
        }
        return messages;
    }

    @Test
    void aMemoryIdThatIsNoThreadIdIsRefusedBeforeAnyWrite() {
        ThreadStoreChatMemoryStore memoryStore = new ThreadStoreChatMemoryStore(store);
        String tooLong = "x".repeat(256);
        for (Object bad : List.of("", "  ", tooLong)) {
            assertThatThrownBy(() -> memoryStore.updateMessages(bad, List.of(UserMessage.from("hi"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid thread id");
            assertThatThrownBy(() -> memoryStore.getMessages(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ThreadStoreChatMemory.builder(store).id(bad))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ThreadStoreChatMemoryProvider(store, 10).get(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.get(threadId)).isEmpty();
        assertThat(store.list().stream().map(ChatThread::id)).doesNotContain("", "  ", tooLong);
    }

    @Test
    void whatTheMappingCannotCarryIsRefusedWithNothingHalfWritten() {
        ThreadStoreChatMemoryStore memoryStore = new ThreadStoreChatMemoryStore(store, fileStore);
        List<ChatMessage> start = Conversation.script(2);
        memoryStore.updateMessages(threadId, start);
        ChatThread before = store.get(threadId).orElseThrow();
        long files = fileStore.fileCount();

        List<ChatMessage> withImage = new ArrayList<>(start);
        withImage.add(UserMessage.from(ImageContent.from(Conversation.PNG_BASE64, "image/png")));
        for (ChatMessage bad : List.of(CustomMessage.from(Map.of("k", "v")),
                UserMessage.from(VideoContent.from("https://example.com/v.mp4")),
                UserMessage.builder().contents(List.of(TextContent.from("hi")))
                        .attributes(Map.of("when", new Object())).build())) {
            List<ChatMessage> next = new ArrayList<>(withImage);
            next.add(bad);
            assertThatThrownBy(() -> memoryStore.updateMessages(threadId, next))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new ThreadStoreChatMemoryStore(store).updateMessages(threadId, withImage))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FileStore is required");

        ChatMemory memory = ThreadStoreChatMemory.builder(store).id(threadId).fileStore(fileStore).build();
        assertThatThrownBy(() -> memory.add(UserMessage.from(VideoContent.from("https://example.com/v.mp4"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VIDEO");
        assertThatThrownBy(() -> memory.add(CustomMessage.from(Map.of("k", "v"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CustomMessage");

        assertThat(store.get(threadId)).contains(before);
        assertThat(fileStore.fileCount()).isEqualTo(files);
    }
}
