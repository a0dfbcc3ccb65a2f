package dev.ctgraphql.graphql.http;

import java.util.Arrays;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

import dev.ctgraphql.graphql.BulkArguments;

/**
 * Reads a large JSON request body in place of Vert.x' body handler, and reads its shape ({@link BodyScanner}) while its
 * bytes arrive: when the last byte is in, the query, the operation name and where each variable lies (an upload's list:
 * its span and length) are known, so {@link BulkVariables} needs no second pass over megabytes and an upload's first
 * chunks go at once. The body is kept in one array of its declared length (no copies as it grows), and is the
 * request's body as usual for everything after. Only bodies of at least {@link #LARGE} bytes with a Content-Length are
 * read this way; the rest go through the body handler as before.
 */
final class IncomingBody {

    /** Bodies from this size on are read here: below it a second pass costs too little to matter. */
    static final long LARGE = 64 * 1024;
    private static final String KEY = IncomingBody.class.getName();

    /** A body read here: its bytes ({@code bytes[0, length)}) and its shape, null when not the plain shape. */
    record Scanned(byte[] bytes, int length, BodyScanner.Body body) {
    }

    private final RoutingContext ctx;
    private final long limit;
    private final BodyScanner scanner = new BodyScanner();
    private byte[] bytes;
    private int length;
    private boolean over;

    private IncomingBody(RoutingContext ctx, long declared, long limit) {
        this.ctx = ctx;
        this.limit = limit;
        this.bytes = new byte[(int) declared];
    }

    /** The body read by this request's {@link IncomingBody}, or null when the body handler read it. */
    static Scanned scanned(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    /**
     * Reads the body here when it is a large JSON body of a declared length (at most {@code limit}, checked before),
     * sent without an expectation other than 100-continue; false when the body handler is to read it.
     */
    static boolean read(RoutingContext ctx, long limit) {
        HttpServerRequest request = ctx.request();
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        String expect = request.getHeader(HttpHeaders.EXPECT);
        if (type == null || length == null || request.isEnded() || !BulkArguments.canLift()
                || request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || expect != null && !expect.equalsIgnoreCase("100-continue")
                || !(ctx instanceof RoutingContextInternal internal)
                || internal.seenHandler(RoutingContextInternal.BODY_HANDLER)) {
            return false;
        }
        if (!MediaTypes.plainJson(type)) {
            return false;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (declared < LARGE || declared > limit || declared > Integer.MAX_VALUE - 8) {
            return false;
        }
        internal.visitHandler(RoutingContextInternal.BODY_HANDLER);
        if (expect != null && request.version() != HttpVersion.HTTP_1_0) {
            ctx.response().writeContinue();
        }
        IncomingBody body = new IncomingBody(ctx, declared, limit);
        request.handler(body::arrived).endHandler(ignored -> body.ended()).exceptionHandler(ctx::fail).resume();
        return true;
    }

    private void arrived(Buffer buffer) {
        int size = buffer.length();
        if (over) {
            return;
        }
        if ((long) length + size > limit) {
            over = true;
            ctx.fail(413);
            return;
        }
        if (length + size > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(length + size, bytes.length * 2L)));
        }
        buffer.getBytes(0, size, bytes, length);
        scanner.feed(bytes, length, length + size);
        length += size;
    }

    private void ended() {
        if (over || ctx.failed()) {
            return;
        }
        ctx.put(KEY, new Scanned(bytes, length, scanner.end()));
        ((RoutingContextInternal) ctx).setBody(Buffer.buffer(Unpooled.wrappedBuffer(bytes, 0, length)));
        ctx.next();
    }
}
