package io.quarkiverse.bedrock.deployment;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the names of the clients configured as {@code quarkus.bedrock."name".*}. */
final class NamedClients {

    private static final Pattern NAMED = Pattern.compile("^quarkus\\.bedrock\\.(\"[^\"]+\"|[^.\"]+)\\."
            + "(region|endpoint-override|timeout|stream-idle-timeout|streaming-tools-fallback|connect-timeout|http2|credentials\\..+)$");
    private static final Set<String> ROOT_GROUPS = Set.of("credentials", "devservices");

    private NamedClients() {
    }

    /**
     * @param propertyNames the configuration's property names
     * @return the client names they configure
     */
    static Set<String> inConfig(Iterable<String> propertyNames) {
        Set<String> names = new TreeSet<>();
        for (String property : propertyNames) {
            Matcher m = NAMED.matcher(property);
            if (m.matches()) {
                String name = m.group(1).replace("\"", "");
                if (!ROOT_GROUPS.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
