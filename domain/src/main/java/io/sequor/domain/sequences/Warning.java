package io.sequor.domain.sequences;

/** A soft copy rule broken: the version is saved, but sales ops should look again. */
public record Warning(String field, String rule, String message) {}
