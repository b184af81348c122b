package io.quarkiverse.bedrock.testing;

/** Thrown while reading a request that Bedrock would reject; carries the error to answer with. */
final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient AwsError error;

    BadRequest(AwsError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    /** @param message the ValidationException message @return the exception */
    static BadRequest validation(String message) {
        return new BadRequest(AwsError.validation(message));
    }

    AwsError error() {
        return error;
    }
}
