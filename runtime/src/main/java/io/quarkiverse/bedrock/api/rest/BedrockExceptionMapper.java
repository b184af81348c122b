package io.quarkiverse.bedrock.api.rest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.BedrockTimeoutException;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.api.error.ModelTimeoutException;
import io.quarkiverse.bedrock.api.error.ValidationException;

/**
 * Turns Bedrock exceptions into HTTP answers for the callers of a JAX-RS application. Not registered by default; opt
 * in with a Quarkus REST mapper method that delegates to it:
 *
 * <pre>
 * public class BedrockErrors {
 *     private final BedrockExceptionMapper mapper = new BedrockExceptionMapper();
 *
 *     &#64;ServerExceptionMapper
 *     public Response map(BedrockException e) {
 *         return mapper.toResponse(e);
 *     }
 * }
 * </pre>
 *
 * <ul>
 * <li>a throttle (429) stays 429, with a {@code Retry-After} header (what Bedrock asked for, else one second);</li>
 * <li>a request the caller can fix ({@link InvalidRequestException}, Bedrock's {@link ValidationException}) is 400;</li>
 * <li>503 stays 503; a timeout of Bedrock or of this client is 504; other 5xx, lost connections and interrupted
 * streams are 502;</li>
 * <li>credentials, permissions, unknown models and configuration errors are the server's problem: 500, with the error
 * type only, not Bedrock's message.</li>
 * </ul>
 * The body is JSON: {@code error} (the exception's simple name), {@code message}, {@code requestId} and
 * {@code retryable}. Messages never contain credentials.
 */
public class BedrockExceptionMapper implements ExceptionMapper<BedrockException> {

    @Override
    public Response toResponse(BedrockException exception) {
        int status = status(exception);
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(exception, status));
        if (status == 429) {
            Duration wait = exception instanceof BedrockServiceException e ? e.retryAfter().orElse(null) : null;
            response.header("Retry-After", wait == null ? 1 : Math.max(1, (wait.toMillis() + 999) / 1000));
        }
        return response.build();
    }

    /**
     * @param exception a Bedrock exception
     * @return the HTTP status for the application's caller
     */
    public static int status(BedrockException exception) {
        if (exception instanceof InvalidRequestException || exception instanceof ValidationException) {
            return 400;
        }
        if (exception instanceof BedrockTimeoutException || exception instanceof ModelTimeoutException) {
            return 504;
        }
        if (exception instanceof BedrockServiceException e) {
            int s = e.statusCode();
            if (s == 429 || s == 503) {
                return s;
            }
            if (s == 504 || s == 408) {
                return 504;
            }
            if (s >= 500 || "MalformedResponse".equals(e.errorType()) || "ResponseTooLarge".equals(e.errorType())) {
                return 502;
            }
            return 500;
        }
        if (exception instanceof BedrockConfigurationException) {
            return 500;
        }
        // transport failures, interrupted streams, malformed event streams
        return 502;
    }

    /**
     * @param exception a Bedrock exception
     * @return whether the caller may retry the same request later
     */
    public static boolean retryable(BedrockException exception) {
        int status = status(exception);
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /**
     * @param exception a Bedrock exception
     * @param status the status it maps to
     * @return the JSON body
     */
    public static Map<String, Object> body(BedrockException exception, int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", exception.getClass().getSimpleName());
        body.put("message", status == 500
                ? "The server's Amazon Bedrock configuration or credentials were rejected; see its log"
                : exception.getMessage());
        body.put("requestId", exception instanceof BedrockServiceException e ? e.requestId() : null);
        body.put("retryable", retryable(exception));
        return body;
    }
}
