package io.sequor.api.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An ENROL key may call this endpoint too: it is part of what an automation needs (upsert and read
 * prospects, create, read and stop enrolments, read sequences). Every endpoint without it needs an
 * ADMIN key.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface EnrolScope {}
