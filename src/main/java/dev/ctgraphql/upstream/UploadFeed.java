package dev.ctgraphql.upstream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Reads a JSON list of records (an upload mutation's list argument) into an {@link UploadStream}, so that the first
 * chunk goes to CleverTap as soon as it is read and the rest of the list is read while chunks are answered; reading
 * pauses while the stream has no room. Called on a Vert.x context, it reads on a worker thread of that context, so that
 * the event loop writes each chunk's request and reads each answer as soon as it can, and answers on the event loop.
 *
 * <p>
 * What is known before anything is sent is refused as a whole, as before: a value that is not a list, and a record that
 * does not fit the input type while no chunk has been sent yet (so a list of at most one chunk is checked whole). A
 * record that does not fit the input type once chunks are on their way cannot take them back: it is refused at its
 * index (code 400, the same message) and the rest go through. Records that fail CleverTap's rules are refused at their
 * index, never sent, as before.
 */
public final class UploadFeed implements UploadStream.Listener {

    private static final Logger LOG = Logger.getLogger(UploadFeed.class);

    /** Code of a record that does not fit the input type, found after chunks were sent: the caller's error, as in HTTP. */
    public static final int MALFORMED = 400;

    /** What became of every record: how many CleverTap accepted, and every other one by index, in index order. */
    public record Result(int accepted, List<Uploads.Rejection> rejected, int unconfirmed) {
    }

    private final String field;
    private final JsonParser parser;
    private final UploadReader reader;
    private final Context context;
    private final List<Uploads.Rejection> notStored = new ArrayList<>();
    private UploadStream stream;
    private UniEmitter<? super Result> emitter;
    private JsonStreamContext list;
    private int index;
    /** The record being read, for a failure that stops the reading. */
    private int position;
    private boolean paused;
    /** {@link #ready} came while {@link UploadStream#add} was still answering no room: read on. */
    private boolean readyEarly;

    private UploadFeed(String field, JsonParser parser, UploadReader reader) {
        this.field = field;
        this.parser = parser;
        this.reader = reader;
        this.context = Vertx.currentContext();
    }

    /**
     * Reads the list {@code parser} is on (or before) with {@code reader} and sends it through the stream
     * {@code streams} makes for this feed.
     *
     * @throws CleverTapBadInputException (as the Uni's failure) when the value is not a list, or a record does not fit
     *         the input type before any chunk was sent
     */
    public static Uni<Result> send(String field, JsonParser parser, UploadReader reader,
            Function<UploadStream.Listener, UploadStream> streams) {
        return Uni.createFrom().emitter(emitter -> {
            UploadFeed feed = new UploadFeed(field, parser, reader);
            feed.emitter = emitter;
            feed.stream = streams.apply(feed);
            feed.start();
        });
    }

    private void start() {
        try {
            if (parser.currentToken() == null) {
                parser.nextToken();
            }
            CleverTapBadInputException.check(parser.currentToken() == JsonToken.START_ARRAY, field, "must be a list");
            list = parser.getParsingContext();
        } catch (IOException e) {
            emitter.fail(new CleverTapBadInputException(field + ": is not valid JSON"));
            return;
        } catch (CleverTapBadInputException e) {
            emitter.fail(e);
            return;
        }
        readOff();
    }

    /**
     * Reads on a worker thread (in the caller's Vert.x context) when there is one: the event loop stays free to write
     * each chunk's request and to read CleverTap's answers while records are read, instead of taking turns with the
     * reading.
     */
    private void readOff() {
        if (context == null) {
            read();
        } else {
            context.executeBlocking(() -> {
                read();
                return null;
            }, false);
        }
    }

    private void fail(Throwable failure) {
        onContext(() -> emitter.fail(failure));
    }

    /** Runs {@code action} on the caller's event loop (where the answer is made), from wherever it is. */
    private void onContext(Runnable action) {
        if (context == null || Context.isOnEventLoopThread()) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    /** Reads records until the list ends or the stream has no room. */
    private void read() {
        try {
            while (true) {
                position = index;
                if (parser.nextToken() == JsonToken.END_ARRAY) {
                    finish();
                    return;
                }
                int at = index++;
                String where = field + "[" + at + "]";
                UploadReader.Read read;
                try {
                    read = reader.read(parser, where);
                } catch (UploadReader.Malformed e) {
                    if (!stream.sentAny()) {
                        fail(new CleverTapBadInputException(e.getMessage()));
                        return;
                    }
                    stream.refuse(new Uploads.Rejection(at, MALFORMED, e.getMessage()));
                    skipRest(at);
                    continue;
                }
                if (read.problem() != null) {
                    stream.refuse(new Uploads.Rejection(at, read.problem().code(), where + "." + read.problem().message()));
                    continue;
                }
                if (!stream.add(read.item(at)).room() && pause()) {
                    return;
                }
            }
        } catch (IOException e) {
            String why = field + "[" + position + "]: is not valid JSON; the records after it were not read";
            unreadable(why, MALFORMED, new CleverTapBadInputException(why));
        } catch (RuntimeException e) {
            // a reader's bug must not leave the request waiting, nor hide the chunks already sent
            LOG.errorf("Reading %s[%d] of an upload failed (%s)", field, position, e.getClass().getName());
            unreadable(field + "[" + position + "]: not read: this service failed reading it; the records after it were "
                    + "not read either", null, e);
        }
    }

    /** Whether to stop reading until {@link #ready}: false when it already came. */
    private synchronized boolean pause() {
        if (readyEarly) {
            readyEarly = false;
            return false;
        }
        paused = true;
        return true;
    }

    /** Moves the parser past the rest of a record that did not fit, so that the next record can be read. */
    private void skipRest(int at) throws IOException {
        // the reader stopped somewhere inside the record: move on until the list is the parser's context again
        while (parser.getParsingContext() != list) {
            if (parser.currentToken() != null && parser.currentToken().isStructStart()) {
                parser.skipChildren();
            }
            if (parser.getParsingContext() != list && parser.nextToken() == null) {
                throw new IOException("the list ends inside record " + at);
            }
        }
    }

    /**
     * Nothing after the record at {@code position} can be read (the endpoint checks a lifted list's JSON whole before this,
     * so it takes a bug): the whole upload fails with {@code beforeSending} while nothing was sent, else that record is
     * reported and the outcome of what was sent comes as usual.
     */
    private void unreadable(String why, Integer code, RuntimeException beforeSending) {
        if (!stream.sentAny()) {
            fail(beforeSending);
            return;
        }
        stream.refuse(new Uploads.Rejection(position, code, why));
        finish();
    }

    private void finish() {
        stream.end().subscribe().with(summary -> {
            if (summary.credentialsRefused()) {
                fail(new CleverTapAuthFailedException("CleverTap refused this service's credentials for the "
                        + field + " upload; nothing was stored"));
                return;
            }
            List<Uploads.Rejection> all;
            synchronized (this) {
                all = new ArrayList<>(notStored);
            }
            all.sort((a, b) -> Integer.compare(a.index(), b.index()));
            Result result = new Result(summary.accepted(), List.copyOf(all), summary.unconfirmed());
            onContext(() -> emitter.complete(result));
        }, this::fail);
    }

    // UploadStream.Listener: called on whatever thread CleverTap's answer came on

    @Override
    public void notStored(Uploads.Rejection rejection) {
        synchronized (this) {
            notStored.add(rejection);
        }
    }

    @Override
    public void ready() {
        synchronized (this) {
            if (!paused) {
                readyEarly = true;
                return;
            }
            paused = false;
        }
        readOff();
    }
}
