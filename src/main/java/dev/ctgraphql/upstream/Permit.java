package dev.ctgraphql.upstream;

/** The right to have one request of a concurrency class in flight to CleverTap, held until {@link #release()}. */
public interface Permit {

    /** Gives the permit back; calling it again does nothing. */
    void release();
}
