package dev.ctgraphql.sandbox;

import jakarta.ws.rs.core.Response;

/** A request the sandbox refuses, carried up to the answer as CleverTap's {@code {"status":"fail",...}} body. */
final class SandboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int code;

    SandboxException(int status, String error, int code) {
        super(error, null, false, false);
        this.status = status;
        this.code = code;
    }

    static SandboxException badRequest(String error) {
        return new SandboxException(400, error, 400);
    }

    int status() {
        return status;
    }

    Response toResponse() {
        return SandboxJson.fail(status, getMessage(), code);
    }
}
