package dev.ctgraphql.ingest;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import dev.ctgraphql.upstream.UploadReader;
import dev.ctgraphql.upstream.UploadStream;
import dev.ctgraphql.upstream.Uploads;

/**
 * One NDJSON ingest request. The body is read as it arrives (gunzipped when it says gzip), cut into lines, each line
 * read into a CleverTap record and fed to an {@link UploadStream}; when the stream has as many chunks waiting as
 * CleverTap's limit allows (or the caller does not read the answer), the request is paused, and it resumes when a chunk
 * is answered. So memory holds a few chunks, whatever the body's size. Every record not stored gets an answer line as
 * soon as its fate is known; the summary comes last. Everything here runs on the request's Vert.x context.
 */
final class IngestRequest implements UploadStream.Listener {

    /** Longest line read; a longer one is rejected at its index (CleverTap's own limits keep a record far smaller). */
    static final int MAX_LINE_BYTES = 1024 * 1024;
    /** Code of a line that is not a record of the input type: the caller's error, as HTTP would say it. */
    static final int MALFORMED = 400;

    private static final Logger LOG = Logger.getLogger(IngestRequest.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper LINES = new ObjectMapper();

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Context context;
    private final String field;
    private final UploadReader reader;
    private final UploadStream stream;
    private final Gunzip gunzip;
    private final Deque<byte[]> plain = new ArrayDeque<>();

    private byte[] block;
    private int blockAt;
    private byte[] carry = new byte[256];
    private int carryLength;
    private boolean overlong;
    private int index;
    private boolean blocked;
    /** A chunk has just gone: reading stops until the event loop has written its request. */
    private boolean yielded;
    private boolean ended;
    private boolean finishing;
    private boolean answering;
    private String bodyProblem;

    IngestRequest(RoutingContext ctx, String field, UploadReader reader,
            Function<UploadStream.Listener, UploadStream> streams) {
        this.request = ctx.request();
        this.response = ctx.response();
        this.context = Vertx.currentContext();
        this.field = field;
        this.reader = reader;
        this.gunzip = "gzip".equalsIgnoreCase(request.getHeader(HttpHeaders.CONTENT_ENCODING)) ? new Gunzip() : null;
        this.stream = streams.apply(this);
    }

    void start() {
        request.handler(buffer -> {
            byte[] bytes = buffer.getBytes();
            if (gunzip != null) {
                gunzip.feed(bytes);
            } else if (bytes.length > 0) {
                plain.addLast(bytes);
            }
            drain();
        });
        request.exceptionHandler(failure -> {
            LOG.debugf("An ingest request body failed (%s)", failure.getClass().getSimpleName());
            if (!ended) {
                bodyProblem = "the request body was cut off after " + index + " records; the rest was not read";
                ended = true;
                drain();
            }
        });
        request.endHandler(ignored -> {
            ended = true;
            drain();
        });
        response.drainHandler(ignored -> drain());
        request.resume();
    }

    // UploadStream.Listener: called on whatever thread CleverTap's answer came on

    @Override
    public void notStored(Uploads.Rejection rejection) {
        onContext(() -> answer(rejectionLine(rejection)));
    }

    @Override
    public void ready() {
        // always as a task of its own: the chunk that takes the freed slot is written first
        context.runOnContext(ignored -> {
            blocked = false;
            drain();
        });
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    /** Reads what has arrived until it is all read or the stream (or the answer) has no room; then asks for more. */
    private void drain() {
        if (finishing) {
            return;
        }
        yielded = false;
        try {
            while (!blocked && !yielded && !response.writeQueueFull()) {
                if (block == null || blockAt >= block.length) {
                    block = gunzip != null ? gunzip.next() : plain.pollFirst();
                    blockAt = 0;
                    if (block == null) {
                        break;
                    }
                }
                lines();
            }
        } catch (Gunzip.Corrupt e) {
            bodyProblem = e.getMessage() + " after " + index + " records; the rest was not read";
            finish();
            return;
        }
        if (yielded) {
            // a chunk went: let the event loop write its request (queued before this) before reading on
            context.runOnContext(ignored -> drain());
        } else if (blocked || response.writeQueueFull()) {
            request.pause();
        } else if (ended) {
            finish();
        } else {
            request.resume();
        }
    }

    /** Reads the complete lines of the current block; a line cut by the block's end waits in carry. */
    private void lines() {
        while (blockAt < block.length && !blocked && !yielded) {
            int newline = indexOf(block, (byte) '\n', blockAt);
            int end = newline < 0 ? block.length : newline;
            if (newline >= 0 && carryLength == 0 && !overlong) {
                line(block, blockAt, end - blockAt);
            } else {
                keep(block, blockAt, end - blockAt);
                if (newline >= 0) {
                    endCarriedLine();
                }
            }
            blockAt = newline < 0 ? block.length : newline + 1;
        }
    }

    private void keep(byte[] bytes, int from, int length) {
        if (overlong || carryLength + length > MAX_LINE_BYTES) {
            overlong = true;
            carryLength = 0;
            return;
        }
        if (carryLength + length > carry.length) {
            carry = Arrays.copyOf(carry, Math.max(carry.length * 2, carryLength + length));
        }
        System.arraycopy(bytes, from, carry, carryLength, length);
        carryLength += length;
    }

    private void endCarriedLine() {
        if (overlong) {
            int at = index++;
            stream.refuse(new Uploads.Rejection(at, MALFORMED, where(at) + ": the line is longer than " + MAX_LINE_BYTES
                    + " bytes"));
        } else {
            line(carry, 0, carryLength);
        }
        overlong = false;
        carryLength = 0;
        if (carry.length > 64 * 1024) {
            carry = new byte[256];
        }
    }

    /** One line: a record to send, one CleverTap would refuse, or one that is not a record at all. */
    private void line(byte[] bytes, int from, int length) {
        int end = from + length;
        while (end > from && isBlank(bytes[end - 1])) {
            end--;
        }
        int start = from;
        while (start < end && isBlank(bytes[start])) {
            start++;
        }
        if (start == end) {
            return;
        }
        int at = index++;
        String where = where(at);
        try (JsonParser parser = JSON.createParser(bytes, start, end - start)) {
            parser.nextToken();
            UploadReader.Read read = reader.read(parser, where);
            if (parser.nextToken() != null) {
                throw new UploadReader.Malformed(where + ": the line holds more than one JSON value (one record per line)");
            }
            if (read.problem() != null) {
                stream.refuse(new Uploads.Rejection(at, read.problem().code(), where + "." + read.problem().message()));
            } else {
                UploadStream.Added added = stream.add(read.item(at));
                blocked = !added.room();
                yielded = added.chunkSent();
            }
        } catch (UploadReader.Malformed e) {
            stream.refuse(new Uploads.Rejection(at, MALFORMED, e.getMessage()));
        } catch (IOException e) {
            stream.refuse(new Uploads.Rejection(at, MALFORMED, where + ": is not valid JSON"));
        }
    }

    private String where(int at) {
        return field + "[" + at + "]";
    }

    /** The body has been read (or cannot be read further): the last line, then the summary once every chunk is answered. */
    private void finish() {
        finishing = true;
        if (bodyProblem == null) {
            if (carryLength > 0 || overlong) {
                endCarriedLine();
            }
            if (gunzip != null) {
                try {
                    gunzip.finish();
                } catch (Gunzip.Corrupt e) {
                    bodyProblem = e.getMessage() + " after " + index + " records";
                }
            }
        }
        String problem = bodyProblem;
        stream.end().subscribe().with(summary -> onContext(() -> {
            if (problem != null) {
                ObjectNode error = LINES.createObjectNode();
                error.putObject("error").put("code", "BAD_USER_INPUT").put("message", problem);
                answer(error.toString());
            }
            ObjectNode last = LINES.createObjectNode();
            last.putObject("summary").put("received", summary.received()).put("accepted", summary.accepted())
                    .put("rejected", summary.rejected()).put("unconfirmed", summary.unconfirmed());
            answer(last.toString());
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        }), failure -> onContext(() -> {
            LOG.errorf("An ingest request could not be completed (%s)", failure.getClass().getSimpleName());
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        }));
    }

    private void answer(String line) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (!answering) {
            answering = true;
            response.setChunked(true).setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE,
                    IngestEndpoint.NDJSON + "; charset=utf-8");
        }
        response.write(line + "\n");
    }

    private static String rejectionLine(Uploads.Rejection rejection) {
        ObjectNode line = LINES.createObjectNode().put("index", rejection.index());
        if (rejection.code() == null) {
            line.putNull("code");
        } else {
            line.put("code", rejection.code().intValue());
        }
        return line.put("message", rejection.message()).toString();
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
