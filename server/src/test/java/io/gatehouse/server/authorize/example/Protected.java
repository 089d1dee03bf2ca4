package io.gatehouse.server.authorize.example;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that Gatehouse protects: {@link GatehouseAuthorizationFilter} asks whether the
 * caller may do {@link #action()} on {@link #resource()} ({@code {name}} replaced by the path
 * parameter, appended to the service's ARN prefix).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Protected {
    String action() default "";

    String resource() default "";
}
