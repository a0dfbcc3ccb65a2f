package dev.ctgraphql.upstream;

/** CleverTap's concurrency classes: each account may have a few requests of each class in flight at once. */
public enum LimitClass {
    /** {@code /1/upload}: events, profiles and device tokens (15 concurrent). */
    UPLOAD,
    /** Every other API (3 concurrent). */
    OTHER
}
