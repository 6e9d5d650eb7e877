package io.sequor.domain.addresses;

/**
 * One finding behind a verdict.
 *
 * @param code a stable machine code, such as {@code no-domain} or {@code role-address}
 * @param text the same for a person
 */
public record Reason(String code, String text) {}
