package dev.ctgraphql.graphql.http;

/** Why a request cannot run, as a stable {@code extensions.code} and a message for the caller. */
record RequestProblem(String code, String message) {

    static RequestProblem badInput(String message) {
        return new RequestProblem("BAD_USER_INPUT", message);
    }
}
