package com.example.toystore;

import dev.threadstore.ThreadStore;
import dev.threadstore.tck.ThreadStoreContract;

/** The toy backend passes the whole contract: a backend needs nothing beyond the API and the TCK. */
class ToyThreadStoreTckTest implements ThreadStoreContract {

    @Override
    public ThreadStore newStore() {
        return ThreadStore.create("toy:");
    }
}
