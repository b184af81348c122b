package io.quarkiverse.bedrock.runtime.client;

import java.util.function.Consumer;
import java.util.function.Supplier;

/** A value made on first use, so that a client that never uses an operation never opens its connections. */
final class Lazy<T> {

    private final Supplier<T> factory;
    private T value;

    Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    /** @return the value, made now if it was not yet */
    synchronized T get() {
        if (value == null) {
            value = factory.get();
        }
        return value;
    }

    /** @param action run on the value if it was made (to close it) */
    synchronized void ifMade(Consumer<T> action) {
        if (value != null) {
            action.accept(value);
        }
    }
}
