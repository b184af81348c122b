package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkiverse.bedrock.runtime.auth.PercentEncoding;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * One operation of the Bedrock Runtime service model the emulator serves: its name, HTTP method and request URI
 * template exactly as the model writes them (e.g. {@code POST /model/{modelId}/converse}), and what serves it.
 *
 * @param operation the model's operation name, e.g. {@code Converse}
 * @param method the HTTP method
 * @param template the model's {@code requestUri}, labels in braces
 * @param recordedName the name {@link RecordedRequest#operation()} gives it, e.g. {@code converse}
 * @param handler what answers it
 */
record Route(String operation, HttpMethod method, String template, String recordedName, Operation handler) {

    private static final Pattern LABEL = Pattern.compile("\\{([A-Za-z]+)\\+?}");

    /** Answers a matched request, after authentication. */
    @FunctionalInterface
    interface Operation {
        /**
         * @param request the request
         * @param body its body
         * @param labels the URI labels, percent-decoded, e.g. {@code modelId}
         */
        void serve(HttpServerRequest request, byte[] body, Map<String, String> labels);
    }

    /**
     * @param operation the model's operation name
     * @param method the HTTP method
     * @param template the model's request URI
     * @param handler what answers it
     * @return the route, recorded under its kebab-case name (or, for {@code /model/{modelId}/x}, under {@code x})
     */
    static Route of(String operation, HttpMethod method, String template, Operation handler) {
        String recorded = template.startsWith("/model/{modelId}/") ? template.substring("/model/{modelId}/".length())
                : operation.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return new Route(operation, method, template, recorded, handler);
    }

    /**
     * @param rawPath a request path as on the wire (no query)
     * @return the labels, percent-decoded, when the path fits the template
     */
    Optional<Map<String, String>> match(String rawPath) {
        List<String> names = new ArrayList<>();
        Matcher m = LABEL.matcher(template);
        StringBuilder regex = new StringBuilder("^");
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append('$');
        Matcher path = Pattern.compile(regex.toString()).matcher(rawPath);
        if (!path.matches()) {
            return Optional.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            labels.put(names.get(i), PercentEncoding.decode(path.group(i + 1)));
        }
        return Optional.of(labels);
    }
}
