package dev.ctgraphql.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * An upload fed one record at a time, for callers that read more records than they should hold: each chunk goes to
 * CleverTap as soon as it is full (through {@link Uploads}' limiter, retries and per-record accounting), and
 * {@link #add} answers no room once twice as many chunks are waiting for an answer as the limiter can have in flight
 * (so that a chunk is ready for every slot even when a whole wave of answers comes at once), which is the caller's cue to stop reading until {@link Listener#ready}. So memory stays at a few chunks whatever the
 * number of records, and CleverTap's concurrency limit is kept busy.
 *
 * <p>
 * Every record ends up in exactly one of three outcomes: accepted; rejected, with CleverTap's code (or this service's
 * when refused before sending); or unconfirmed (code null), when whether CleverTap stored it cannot be known. Once
 * CleverTap refuses this service's credentials, later chunks are refused here without being sent.
 */
public final class UploadStream {

    private static final Logger LOG = Logger.getLogger(UploadStream.class);

    /** What the stream tells the one feeding it; called on whatever thread an answer arrived on. */
    public interface Listener {

        /** A record that was not stored: called once for each. */
        void notStored(Uploads.Rejection rejection);

        /** There is room for records again, after {@link #add} answered no room. */
        void ready();
    }

    /**
     * How many records were received, and what became of them; {@code credentialsRefused} when chunks were sent and
     * CleverTap refused this service's credentials for every one of them.
     */
    public record Summary(int received, int accepted, int rejected, int unconfirmed, boolean credentialsRefused) {
    }

    private final Uploads uploads;
    private final Endpoint endpoint;
    private final int chunkSize;
    private final int maxPending;
    private final Function<byte[], Uni<RestResponse<String>>> post;
    private final Function<List<Uploads.Item>, Uni<Void>> afterChunk;
    private final Listener listener;

    private List<Uploads.Item> chunk;
    private int pending;
    private int chunks;
    private int chunksRefusedCredentials;
    private boolean waiting;
    private boolean ended;
    private boolean credentialsRefused;
    private int received;
    private int accepted;
    private int rejected;
    private int unconfirmed;
    private UniEmitter<? super Summary> done;

    UploadStream(Uploads uploads, Endpoint endpoint, int chunkSize, int maxPending,
            Function<byte[], Uni<RestResponse<String>>> post, Function<List<Uploads.Item>, Uni<Void>> afterChunk,
            Listener listener) {
        this.uploads = uploads;
        this.endpoint = endpoint;
        this.chunkSize = chunkSize;
        this.maxPending = maxPending;
        this.post = post;
        this.afterChunk = afterChunk;
        this.listener = listener;
        this.chunk = new ArrayList<>(chunkSize);
    }

    /** What {@link #add} did: whether the record completed a chunk that went out, and whether there is room for more. */
    public enum Added {
        /** Kept for the next chunk; add more. */
        KEPT(false, true),
        /** Completed a chunk, which went to CleverTap (or to its refusal here); add more. */
        SENT(true, true),
        /** Kept; add no more until {@link Listener#ready}. */
        FULL(false, false),
        /** Completed a chunk, which went; add no more until {@link Listener#ready}. */
        SENT_FULL(true, false);

        private final boolean chunkSent;
        private final boolean room;

        Added(boolean chunkSent, boolean room) {
            this.chunkSent = chunkSent;
            this.room = room;
        }

        /**
         * Whether a chunk just went. A caller reading on an event loop yields then: the chunk's request is only written
         * once the event loop is free (the circuit breaker hands the call to it), so reading on would hold the chunk
         * back by as long as the reading takes.
         */
        public boolean chunkSent() {
            return chunkSent;
        }

        /** Whether the caller may add more records now; when not, it waits for {@link Listener#ready}. */
        public boolean room() {
            return room;
        }
    }

    /** Adds a record to send, and says whether a chunk went and whether to add more now. */
    public Added add(Uploads.Item item) {
        List<Uploads.Item> full = null;
        boolean room;
        synchronized (this) {
            if (ended) {
                throw new IllegalStateException("the upload has ended");
            }
            received++;
            chunk.add(item);
            if (chunk.size() == chunkSize) {
                full = chunk;
                chunk = new ArrayList<>(chunkSize);
                pending++;
            }
            room = pending < maxPending;
            waiting = !room;
        }
        if (full != null) {
            send(full);
            return room ? Added.SENT : Added.SENT_FULL;
        }
        return room ? Added.KEPT : Added.FULL;
    }

    /** A record refused before sending (invalid or malformed): counted and reported, never sent. */
    public void refuse(Uploads.Rejection rejection) {
        synchronized (this) {
            received++;
            count(rejection);
        }
        listener.notStored(rejection);
    }

    /** Whether a chunk has gone to CleverTap (or to its refusal here): records added since can no longer be taken back. */
    public synchronized boolean sentAny() {
        return chunks > 0;
    }

    /** No more records: sends the last chunk; the summary comes once every record's outcome is known. */
    public Uni<Summary> end() {
        return Uni.createFrom().emitter(emitter -> {
            List<Uploads.Item> last = null;
            Summary finished = null;
            synchronized (this) {
                ended = true;
                done = emitter;
                if (!chunk.isEmpty()) {
                    last = chunk;
                    chunk = List.of();
                    pending++;
                } else if (pending == 0) {
                    finished = summary();
                }
            }
            if (last != null) {
                send(last);
            }
            if (finished != null) {
                emitter.complete(finished);
            }
        });
    }

    private void send(List<Uploads.Item> items) {
        boolean refused;
        synchronized (this) {
            refused = credentialsRefused;
            chunks++;
        }
        Uni<Uploads.ChunkOutcome> outcome = refused
                ? Uni.createFrom().item(new Uploads.ChunkOutcome(0, Uploads.all(items, 401,
                        "not stored: CleverTap refused this service's credentials"), true))
                : uploads.sendChunk(endpoint, items, post)
                        .call(result -> afterChunk.apply(items).onFailure().recoverWithNull());
        outcome.subscribe().with(result -> completed(result), failure -> {
            LOG.warnf("An upload chunk ended unexpectedly (%s)", failure.getClass().getSimpleName());
            completed(new Uploads.ChunkOutcome(0, Uploads.all(items, null,
                    "not confirmed: this service failed while sending it; check before sending again"), false));
        });
    }

    private void completed(Uploads.ChunkOutcome outcome) {
        boolean wake;
        UniEmitter<? super Summary> finish = null;
        Summary summary = null;
        // before the chunk stops counting as pending: the summary must come after every record's report
        outcome.rejected().forEach(listener::notStored);
        synchronized (this) {
            accepted += outcome.accepted();
            outcome.rejected().forEach(this::count);
            credentialsRefused |= outcome.authFailed();
            if (outcome.authFailed()) {
                chunksRefusedCredentials++;
            }
            pending--;
            wake = waiting && pending < maxPending;
            if (wake) {
                waiting = false;
            }
            if (ended && pending == 0) {
                finish = done;
                summary = summary();
            }
        }
        if (wake) {
            listener.ready();
        }
        if (finish != null) {
            finish.complete(summary);
        }
    }

    private void count(Uploads.Rejection rejection) {
        if (rejection.code() == null) {
            unconfirmed++;
        } else {
            rejected++;
        }
    }

    private Summary summary() {
        return new Summary(received, accepted, rejected, unconfirmed, chunks > 0 && chunksRefusedCredentials == chunks);
    }
}
