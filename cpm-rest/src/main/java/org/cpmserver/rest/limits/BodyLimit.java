package org.cpmserver.rest.limits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The most bytes a resource method's request body may have; {@link BodyLimitFilter} answers 413
 * past it. A method without it gets {@link RestLimits#OTHER_BODY_BYTES}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BodyLimit {
    int value();
}
