package io.quarkiverse.bedrock.runtime.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * One call of an operation without a model: what is signed (method, encoded path and query, body) and how the REST
 * client sends it.
 *
 * @param name the operation's name, for messages
 * @param method the HTTP method
 * @param encodedPath the path, labels percent-encoded once
 * @param encodedQuery the query string, values percent-encoded, or empty
 * @param body the body bytes (empty for GET)
 * @param send sends the call with the REST client and the signed headers
 */
public record OperationCall(String name, String method, String encodedPath, String encodedQuery, byte[] body,
        BiFunction<OperationsApi, SignedHeaders, Uni<RestResponse<byte[]>>> send) {

    /**
     * @param value a path label or query value
     * @return the value percent-encoded once, as the AWS SDK does
     */
    public static String encode(String value) {
        return value == null ? null : SdkHttpUtils.urlEncode(value);
    }

    /**
     * @param pairs name, encoded value, name, encoded value, ...; null values are left out
     * @return the query string, in the given order
     */
    public static String query(String... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                parts.add(pairs[i] + "=" + pairs[i + 1]);
            }
        }
        return String.join("&", parts);
    }
}
