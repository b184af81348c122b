package io.quarkiverse.bedrock.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.http.HttpMethod;

/** The routes of the emulator, matched by path then method. */
final class Routes {

    private final List<Route> all;

    Routes(List<Route> all) {
        this.all = List.copyOf(all);
    }

    /** A route that fits a request, with the request's labels. */
    record Matched(Route route, Map<String, String> labels) {
    }

    /** @return every route */
    List<Route> all() {
        return all;
    }

    /**
     * @param method the request's method
     * @param rawPath its path as on the wire
     * @return the route of that method and path
     */
    Optional<Matched> find(HttpMethod method, String rawPath) {
        for (Route r : all) {
            if (r.method().equals(method)) {
                Optional<Map<String, String>> labels = r.match(rawPath);
                if (labels.isPresent()) {
                    return Optional.of(new Matched(r, labels.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** @return the routes whose path fits, whatever their method */
    List<Route> byPath(String rawPath) {
        return all.stream().filter(r -> r.match(rawPath).isPresent()).toList();
    }
}
