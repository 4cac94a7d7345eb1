package dev.threadstore.bench;

/**
 * The message texts every compared store receives: a few hundred characters each, like a real chat turn,
 * different per message so that no store can deduplicate them.
 */
final class Texts {

    private static final String USER = "Hi, I ordered a pair of running shoes last week and the tracking page "
            + "still says the parcel is waiting at the depot. Could you check what is going on and whether it "
            + "will arrive before the weekend? The order number is in my account. Message ";
    private static final String ASSISTANT = "Thanks for waiting. I looked up your order: the parcel left the "
            + "depot this morning and the carrier expects to deliver it tomorrow between 9:00 and 13:00. You "
            + "will get a text message with a one-hour window on the day. Anything else? Reply ";

    private Texts() {
    }

    /** @return whether the i-th message of a conversation is the user's (they alternate, the user first) */
    static boolean isUser(int i) {
        return i % 2 == 0;
    }

    /** @return the text of the i-th message of a conversation */
    static String text(int i) {
        return (isUser(i) ? USER : ASSISTANT) + i;
    }
}
