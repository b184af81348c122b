package io.quarkiverse.bedrock.deployment;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.quarkiverse.bedrock.runtime.config.NamedClientConfig;

/** Finds the names of the clients configured as {@code quarkus.aws-bedrock."name".*}. */
final class NamedClients {

    /** {@code quarkus.aws-bedrock.<name>.<a property of NamedClientConfig>}, the properties read off the interface. */
    private static final Pattern NAMED = Pattern.compile("^quarkus\\.aws-bedrock\\.(\"[^\"]+\"|[^.\"]+)\\.("
            + properties() + ")$");
    private static final Set<String> ROOT_GROUPS = Set.of("credentials", "devservices");

    private NamedClients() {
    }

    /** @return the alternatives of {@link NamedClientConfig}'s properties: a leaf's name, or a group's name and more */
    private static String properties() {
        return Arrays.stream(NamedClientConfig.class.getDeclaredMethods())
                .filter(m -> m.getParameterCount() == 0 && !m.isSynthetic())
                .map(m -> kebab(m.getName())
                        + (m.getReturnType().getEnclosingClass() == NamedClientConfig.class ? "\\..+" : ""))
                .sorted()
                .collect(Collectors.joining("|"));
    }

    /** {@code streamIdleTimeout} to {@code stream-idle-timeout}, as SmallRye Config names the property. */
    private static String kebab(String method) {
        StringBuilder b = new StringBuilder();
        for (char c : method.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
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
