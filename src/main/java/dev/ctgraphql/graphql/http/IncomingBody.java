package dev.ctgraphql.graphql.http;

import java.util.Arrays;
import java.util.concurrent.Executor;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

import dev.ctgraphql.graphql.BulkArguments;

/**
 * Reads a large JSON request body in place of Vert.x' body handler, and reads its shape ({@link BodyScanner}, on a worker
 * thread) while its bytes arrive: when the last byte is in, the query, the operation name and where each variable lies (an upload's list:
 * its span and length) are known, so {@link BulkVariables} needs no second pass over megabytes and an upload's first
 * chunks go at once. The body is kept in one array of its declared length (no copies as it grows), and is the
 * request's body as usual for everything after. Only bodies of at least {@link #LARGE} bytes with a Content-Length are
 * read this way; the rest go through the body handler as before.
 */
final class IncomingBody {

    /** Bodies from this size on are read here: below it a second pass costs too little to matter. */
    static final long LARGE = 64 * 1024;
    private static final int FIRST = 1024 * 1024;
    /**
     * The scan is started when this much is waiting for it: started for each piece that arrives (8 KiB), a scan
     * faster than the arrival would wait for a worker thread's wake-up every time, longer than the scan itself.
     */
    private static final int BATCH = 256 * 1024;
    private static final String KEY = IncomingBody.class.getName();

    /** A body read here: its bytes ({@code bytes[0, length)}) and its shape, null when not the plain shape. */
    record Scanned(byte[] bytes, int length, BodyScanner.Body body) {
    }

    private final RoutingContext ctx;
    private final Context context;
    private final Executor scanning;
    private final BodyScanner scanner = new BodyScanner();
    /**
     * The body, filled up to {@link #length}: at first at most {@link #FIRST} bytes, then (once that much came) its
     * declared length, which HTTP/1.1 framing holds it to; so a caller that declares much and sends little gets little
     * memory.
     */
    private byte[] bytes;
    private final int declared;
    /** How much has arrived (written on the event loop, read by the scan under this object's lock). */
    private int length;
    /** How much the scan has read: only the scan's task touches it while {@link #scanRunning}. */
    private int scanned;
    /** {@link #scanned} when the scan's task last stopped (under this object's lock). */
    private int scannedTo;
    private boolean scanRunning;
    private boolean ended;
    private boolean failed;

    private IncomingBody(RoutingContext ctx, long declared, Executor scanning) {
        this.ctx = ctx;
        this.context = Vertx.currentContext();
        this.scanning = scanning;
        this.declared = (int) declared;
        this.bytes = new byte[Math.min(this.declared, FIRST)];
    }

    /** The body read by this request's {@link IncomingBody}, or null when the body handler read it. */
    static Scanned scanned(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    /**
     * Reads the body here when it is a large JSON body of a declared length (at most {@code limit}, checked before),
     * sent without an expectation other than 100-continue, scanning it on {@code scanning} (a worker: the event loop
     * only copies what arrives, so that the body comes in as fast as without the scan); false when the body handler is
     * to read it.
     */
    static boolean read(RoutingContext ctx, long limit, Executor scanning) {
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
        IncomingBody body = new IncomingBody(ctx, declared, scanning);
        request.handler(body::arrived).endHandler(ignored -> body.ended()).exceptionHandler(ctx::fail).resume();
        return true;
    }

    private void arrived(Buffer buffer) {
        int size = buffer.length();
        boolean start = false;
        synchronized (this) {
            if (failed) {
                return;
            }
            if (length + size > declared) {
                // more than the declared length: HTTP/1.1 framing does not let it happen
                failed = true;
            } else {
                if (length + size > bytes.length) {
                    // a longer copy: the scan reads the array it was given, which keeps what it holds
                    bytes = Arrays.copyOf(bytes, declared);
                }
                buffer.getBytes(0, size, bytes, length);
                length += size;
                start = !scanRunning && length - scannedTo >= BATCH;
                scanRunning |= start;
            }
        }
        if (failed) {
            ctx.fail(400);
        } else if (start) {
            scanning.execute(this::scan);
        }
    }

    /** Scans what has arrived until it has all been scanned; the last one to finish (this or the body's end) goes on. */
    private void scan() {
        while (true) {
            int upTo;
            byte[] body;
            boolean done;
            synchronized (this) {
                upTo = length;
                body = bytes;
                if (scanned == upTo) {
                    scanRunning = false;
                    scannedTo = scanned;
                    done = ended;
                    if (!done) {
                        return;
                    }
                }
            }
            if (scanned == upTo) {
                context.runOnContext(ignored -> finish());
                return;
            }
            scanner.feed(body, scanned, upTo);
            scanned = upTo;
        }
    }

    private void ended() {
        boolean now;
        synchronized (this) {
            if (failed) {
                return;
            }
            ended = true;
            now = !scanRunning;
        }
        if (now) {
            finish();
        }
    }

    private void finish() {
        if (ctx.failed() || ctx.response().ended()) {
            return;
        }
        BodyScanner.Body body;
        synchronized (this) {
            // what came after the scan's task last stopped (less than a batch) is scanned here
            scanner.feed(bytes, scanned, length);
            scanned = length;
            body = scanner.end();
        }
        ctx.put(KEY, new Scanned(bytes, length, body));
        ((RoutingContextInternal) ctx).setBody(Buffer.buffer(Unpooled.wrappedBuffer(bytes, 0, length)));
        ctx.next();
    }
}
