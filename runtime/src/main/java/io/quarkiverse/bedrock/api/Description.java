package io.quarkiverse.bedrock.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a tool, or one of its arguments, for the model: put it on a tool method, a record used as a tool's
 * arguments, a method parameter or a record component. {@link JavaTools} copies it into the tool definition and
 * {@link JsonSchemas} into the JSON Schema's {@code description}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.FIELD })
public @interface Description {

    /** @return the description, in words the model understands */
    String value();
}
