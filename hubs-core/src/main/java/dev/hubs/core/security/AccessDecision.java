package dev.hubs.core.security;

/**
 * The outcome of an access rule for one caller.
 */
public enum AccessDecision {

    /** The caller may go on. */
    ALLOWED,

    /** The rule needs an authenticated caller and there is none (HTTP 401). */
    UNAUTHENTICATED,

    /** The caller is known but lacks every role the rule names, or the rule denies everyone (HTTP 403). */
    FORBIDDEN
}
