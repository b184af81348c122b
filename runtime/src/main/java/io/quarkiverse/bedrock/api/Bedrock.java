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
 * CDI qualifier of the Bedrock client provided by this extension: {@code @Inject @Bedrock BedrockClient client;}.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({ FIELD, PARAMETER, METHOD, TYPE })
public @interface Bedrock {

    /**
     * Annotation literal, for programmatic lookup
     * ({@code CDI.current().select(BedrockClient.class, Bedrock.Literal.INSTANCE)}).
     */
    final class Literal extends AnnotationLiteral<Bedrock> implements Bedrock {
        private static final long serialVersionUID = 1L;
        /** The single instance of the literal. */
        public static final Literal INSTANCE = new Literal();
    }
}
