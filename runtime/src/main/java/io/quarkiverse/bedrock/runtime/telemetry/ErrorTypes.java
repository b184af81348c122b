package io.quarkiverse.bedrock.runtime.telemetry;

import java.util.concurrent.CompletionException;

/** The low-cardinality {@code error.type} of a failure: the exception's simple class name, never its message. */
public final class ErrorTypes {

    /** {@code error.type} of a cancelled operation. */
    public static final String CANCELLED = "cancelled";

    private ErrorTypes() {
    }

    /** @param failure a failure @return its {@code error.type}, e.g. {@code ThrottlingException} */
    public static String of(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        String name = t.getClass().getSimpleName();
        return name.isEmpty() ? t.getClass().getName() : name;
    }
}
