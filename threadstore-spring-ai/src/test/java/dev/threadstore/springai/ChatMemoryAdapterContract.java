package dev.threadstore.springai;

import static dev.threadstore.springai.SpringAiMessageAssert.assertSameMessages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;

/**
 * What the Spring AI adapter must do on every backend, driven through Spring AI's own classes: {@code ChatClient}
 * with {@code MessageChatMemoryAdvisor} over a scripted model that issues tool calls, and
 * {@code MessageWindowChatMemory} over the repository. A backend's test class opens stores on one database.
 */
abstract class ChatMemoryAdapterContract {

    static final int TURNS = 50;

    @TempDir
    Path files;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private ThreadStore store;

    /** @return a new store instance on this test's database (the same database on every call within a test) */
    abstract ThreadStore openStore();

    final ThreadStore store() {
        if (store == null) {
            store = track(openStore());
        }
        return store;
    }

    final <T extends AutoCloseable> T track(T resource) {
        opened.add(resource);
        return resource;
    }

    final FileStore fileStore() {
        return track(FileStore.create(files.toUri().toString()));
    }

    @AfterEach
    void closeStores() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }

    @Test
    void fiftyTurnConversationThroughChatClientComesBackEqualMessageByMessage() {
        FileStore fs = fileStore();
        ThreadStoreChatMemory memory = ThreadStoreChatMemory.builder(store()).maxMessages(1000).fileStore(fs).build();
        List<org.springframework.ai.chat.messages.Message> expected = converse(memory, "conv-50");

        assertSameMessages(memory.get("conv-50"), expected);
        ThreadStoreChatMemoryRepository repository = ThreadStoreChatMemoryRepository.builder(store()).fileStore(fs).build();
        assertSameMessages(repository.findByConversationId("conv-50"), expected);
        assertThat(repository.findByConversationId("conv-50")).isEqualTo(expected);
    }

    @Test
    void fiftyTurnConversationThroughMessageWindowChatMemoryOverTheRepositoryComesBackEqual() {
        FileStore fs = fileStore();
        ThreadStoreChatMemoryRepository repository = ThreadStoreChatMemoryRepository.builder(store()).fileStore(fs).build();
        ChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(1000).build();
        List<org.springframework.ai.chat.messages.Message> expected = converse(memory, "conv-window");

        assertSameMessages(memory.get("conv-window"), expected);
        assertSameMessages(repository.findByConversationId("conv-window"), expected);
    }

    @Test
    void aSecondStoreInstanceSeesTheSameHistory() {
        FileStore fs = fileStore();
        ThreadStoreChatMemory memory = ThreadStoreChatMemory.builder(store()).maxMessages(1000).fileStore(fs).build();
        List<org.springframework.ai.chat.messages.Message> expected = converse(memory, "conv-shared");

        ThreadStore second = track(openStore());
        assertSameMessages(ThreadStoreChatMemory.builder(second).maxMessages(1000).fileStore(fs).build()
                .get("conv-shared"), expected);
        ThreadStoreChatMemoryRepository repository = ThreadStoreChatMemoryRepository.builder(second).fileStore(fs).build();
        assertThat(repository.findConversationIds()).containsExactly("conv-shared");
        assertSameMessages(repository.findByConversationId("conv-shared"), expected);
    }

    @Test
    void twoChatMemoriesAddingToOneConversationConcurrentlyLoseNothing() throws Exception {
        ThreadStoreChatMemory first = ThreadStoreChatMemory.builder(store()).maxMessages(1000).build();
        ThreadStoreChatMemory second = ThreadStoreChatMemory.builder(track(openStore())).maxMessages(1000).build();
        int perWriter = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (ThreadStoreChatMemory memory : List.of(first, second)) {
                String writer = memory == first ? "first" : "second";
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        memory.add("conv-race", List.of(new UserMessage(writer + " " + i),
                                new AssistantMessage(writer + " reply " + i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<org.springframework.ai.chat.messages.Message> all = first.get("conv-race");
        assertThat(all).hasSize(4 * perWriter);
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < all.size(); i += 2) {
            assertThat(all.get(i)).isInstanceOf(UserMessage.class);
            assertThat(all.get(i + 1).getText()).as("each add stays together").isEqualTo(
                    all.get(i).getText().replace(" ", " reply "));
            texts.add(all.get(i).getText());
        }
        assertThat(texts).hasSize(2 * perWriter);
    }

    @Test
    void theWindowNeverStartsWithAToolResultCutFromItsCallAndDeletesNothing() {
        ThreadStoreChatMemory memory = ThreadStoreChatMemory.builder(store()).maxMessages(3).build();
        AssistantMessage call = AssistantMessage.builder().content("").toolCalls(List.of(
                new AssistantMessage.ToolCall("c1", "function", "weather", "{}"),
                new AssistantMessage.ToolCall("c2", "function", "time", "{}"))).build();
        ToolResponseMessage results = ToolResponseMessage.builder().responses(List.of(
                new ToolResponseMessage.ToolResponse("c1", "weather", "sunny"),
                new ToolResponseMessage.ToolResponse("c2", "time", "noon"))).build();
        memory.add("conv-tools", List.of(new UserMessage("weather?"), call, results, new AssistantMessage("sunny at noon")));

        // the last 3 stored messages are: result c1, result c2, the answer; both results lost their call
        assertThat(memory.get("conv-tools")).containsExactly(new AssistantMessage("sunny at noon"));
        assertThat(ThreadStoreChatMemory.builder(store()).maxMessages(4).build().get("conv-tools"))
                .containsExactly(call, results, new AssistantMessage("sunny at noon"));
        assertThat(store().get("conv-tools").orElseThrow().messages()).hasSize(5);
        assertThat(ThreadStoreChatMemory.builder(store()).maxMessages(100).build().get("conv-tools"))
                .containsExactly(new UserMessage("weather?"), call, results, new AssistantMessage("sunny at noon"));
    }

    @Test
    void messageWindowChatMemoryOverTheRepositoryKeepsWhatSpringAiKeeps() {
        ThreadStoreChatMemoryRepository repository = new ThreadStoreChatMemoryRepository(store());
        ChatMemory ours = MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(5).build();
        ChatMemory theirs = MessageWindowChatMemory.builder().maxMessages(5).build();
        for (int i = 0; i < 12; i++) {
            for (ChatMemory memory : List.of(ours, theirs)) {
                memory.add("conv-trim", new UserMessage("question " + i));
                memory.add("conv-trim", new AssistantMessage("answer " + i));
            }
            assertThat(ours.get("conv-trim")).isEqualTo(theirs.get("conv-trim"));
        }
        List<String> keptIds = store().get("conv-trim").orElseThrow().messages().stream().map(Message::id).toList();
        ours.add("conv-trim", new UserMessage("one more"));
        List<String> idsAfter = store().get("conv-trim").orElseThrow().messages().stream().map(Message::id).toList();
        assertThat(idsAfter.subList(0, 4)).as("messages kept by the trim keep their rows")
                .isEqualTo(keptIds.subList(1, 5));
    }

    @Test
    void saveAllWritesOnlyTheDifference() {
        ThreadStoreChatMemoryRepository repository = new ThreadStoreChatMemoryRepository(store());
        List<org.springframework.ai.chat.messages.Message> conversation = new ArrayList<>(List.of(
                new UserMessage("hello"), new AssistantMessage("hi")));
        repository.saveAll("conv-diff", conversation);
        ChatThread before = store().get("conv-diff").orElseThrow();

        repository.saveAll("conv-diff", conversation);
        assertThat(store().get("conv-diff").orElseThrow().version()).as("nothing changed, nothing written")
                .isEqualTo(before.version());

        conversation.add(new UserMessage("how are you?"));
        repository.saveAll("conv-diff", conversation);
        ChatThread after = store().get("conv-diff").orElseThrow();
        assertThat(after.messages().subList(0, 2)).as("the kept prefix is untouched").isEqualTo(before.messages());
        assertThat(repository.findByConversationId("conv-diff")).isEqualTo(conversation);

        repository.saveAll("conv-diff", List.of(new SystemMessage("You are terse."), new UserMessage("hello")));
        assertThat(repository.findByConversationId("conv-diff"))
                .isEqualTo(List.of(new SystemMessage("You are terse."), new UserMessage("hello")));
        assertThat(store().get("conv-diff").orElseThrow().messages()).extracting(Message::role)
                .containsExactly(Role.SYSTEM, Role.USER);
    }

    /**
     * Drives {@code TURNS} turns through a ChatClient with the memory advisor; after each turn that asks for tool
     * calls, the application adds the tool results to the memory. Checks the model saw the whole history each turn.
     *
     * @return every message the conversation should now hold, in order
     */
    final List<org.springframework.ai.chat.messages.Message> converse(ChatMemory memory, String conversationId) {
        ScriptedChatModel model = new ScriptedChatModel();
        ChatClient client = ChatClient.builder(model)
                .defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build()).build();
        List<org.springframework.ai.chat.messages.Message> expected = new ArrayList<>();
        for (int turn = 1; turn <= TURNS; turn++) {
            int t = turn;
            var response = client.prompt()
                    .user(u -> {
                        u.text("question " + t);
                        if (t % 10 == 1) {
                            u.media(Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG)
                                    .data(URI.create("https://example.com/cat-" + t + ".png")).id("img-" + t).build());
                        }
                        if (t == 25) {
                            u.media(Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(png()).name("dot.png").build());
                        }
                    })
                    .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, conversationId))
                    .call().chatResponse();
            List<org.springframework.ai.chat.messages.Message> prompt = model.prompts().get(turn - 1);
            assertSameMessages(prompt.subList(0, prompt.size() - 1), expected);
            expected.add(prompt.get(prompt.size() - 1));
            AssistantMessage answer = response.getResult().getOutput();
            assertThat(answer).isEqualTo(ScriptedChatModel.answer(turn));
            expected.add(answer);
            if (answer.hasToolCalls()) {
                List<ToolResponseMessage.ToolResponse> results = new ArrayList<>();
                for (AssistantMessage.ToolCall call : answer.getToolCalls()) {
                    results.add(new ToolResponseMessage.ToolResponse(call.id(), call.name(), "{\"ok\":" + t + "}"));
                }
                ToolResponseMessage toolResults = ToolResponseMessage.builder().responses(results).build();
                memory.add(conversationId, toolResults);
                expected.add(toolResults);
            }
        }
        return expected;
    }

    /** @return the bytes of a 1x1 PNG image */
    static byte[] png() {
        return java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    }
}
