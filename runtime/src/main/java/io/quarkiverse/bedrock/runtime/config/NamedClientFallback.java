package io.quarkiverse.bedrock.runtime.config;

import java.util.Iterator;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.DefaultValuesConfigSource;
import io.smallrye.config.Priorities;

/**
 * Gives a named client the default client's value of every setting it does not set itself: a lookup of
 * {@code quarkus.aws-bedrock."name".timeout} that finds nothing, or only the mapping's default, answers with
 * {@code quarkus.aws-bedrock.timeout}. Credentials fall back as a whole: once a named client sets any
 * {@code credentials.*} property, none of the default client's credentials apply to it.
 * <p>
 * Declared once here, at the configuration level, so that a new setting in {@link ClientConfig} falls back without
 * further code. It runs before the profile interceptor, so {@code %dev.quarkus.aws-bedrock.region} is a fallback too.
 */
@Priority(Priorities.LIBRARY + 1000)
public class NamedClientFallback implements ConfigSourceInterceptor {

    private static final long serialVersionUID = 1L;

    /** The configuration root, with its trailing dot. */
    static final String ROOT = "quarkus.aws-bedrock.";
    private static final String CREDENTIALS = "credentials.";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!name.startsWith(ROOT) || (value != null && !isMappingDefault(value))) {
            return value;
        }
        int settingStart = settingStart(name);
        if (settingStart < 0) {
            return value;
        }
        String setting = name.substring(settingStart);
        if (setting.startsWith(CREDENTIALS) && setsCredentials(context, name.substring(0, settingStart))) {
            return value;
        }
        ConfigValue fallback = context.proceed(ROOT + setting);
        if (fallback == null || fallback.getValue() == null || (value != null && isMappingDefault(fallback))) {
            return value;
        }
        return fallback.withName(name);
    }

    /** @return where the setting starts after {@code quarkus.aws-bedrock.<client>.}, or -1 without a client segment */
    private static int settingStart(String name) {
        int i = ROOT.length();
        if (i < name.length() && name.charAt(i) == '"') {
            int close = name.indexOf('"', i + 1);
            return close < 0 || close + 2 > name.length() || name.charAt(close + 1) != '.' ? -1 : close + 2;
        }
        int dot = name.indexOf('.', i);
        return dot < 0 || dot + 1 >= name.length() ? -1 : dot + 1;
    }

    private static boolean setsCredentials(ConfigSourceInterceptorContext context, String clientPrefix) {
        String credentials = clientPrefix + CREDENTIALS;
        Iterator<String> names = context.iterateNames();
        while (names.hasNext()) {
            String candidate = names.next();
            String plain = candidate.startsWith("%") ? candidate.substring(candidate.indexOf('.') + 1) : candidate;
            if (plain.startsWith(credentials)) {
                ConfigValue set = context.proceed(plain);
                if (set != null && !isMappingDefault(set)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isMappingDefault(ConfigValue value) {
        return DefaultValuesConfigSource.NAME.equals(value.getConfigSourceName());
    }
}
