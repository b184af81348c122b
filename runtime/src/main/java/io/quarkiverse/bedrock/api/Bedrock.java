package io.quarkiverse.bedrock.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

/**
 * CDI qualifier of the Bedrock clients provided by this extension: {@code @Inject @Bedrock BedrockClient client;} for
 * the default client ({@code quarkus.aws-bedrock.*}), {@code @Inject @Bedrock("tenant-a") BedrockClient client;} for a named
 * one ({@code quarkus.aws-bedrock."tenant-a".*}).
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({ FIELD, PARAMETER, METHOD, TYPE })
public @interface Bedrock {

    /** @return the client name; empty for the default client */
    String value() default "";

    /**
     * Annotation literal, for programmatic lookup
     * ({@code CDI.current().select(BedrockClient.class, Bedrock.Literal.INSTANCE)}).
     */
    final class Literal extends AnnotationLiteral<Bedrock> implements Bedrock {
        private static final long serialVersionUID = 1L;
        /** The literal of the default client. */
        public static final Literal INSTANCE = new Literal("");

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /**
         * @param name a client name, empty for the default client
         * @return the literal of that client
         */
        public static Literal of(String name) {
            return name.isEmpty() ? INSTANCE : new Literal(name);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
