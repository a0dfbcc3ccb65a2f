package dev.ctgraphql.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends any number of upload records to CleverTap and accounts for every one of them.
 *
 * <p>
 * Records go in chunks of CleverTap's per-request maximum, all chunks at once under the service-wide upload limit (15
 * in flight, first come first served, shared by every mutation). A chunk CleverTap refused without storing (429, 503,
 * no connection) is sent again with backoff; a chunk whose fate is unknown (answer lost, 502/504) is sent again only
 * when the records are idempotent (profiles, tokens), otherwise its records are reported as unconfirmed rather than
 * risk storing events twice. An answer counts a record as accepted only when it proves it (see {@code read}); every
 * record ends up accepted, rejected (not stored, with a code) or unconfirmed (code null: it may have been stored). CleverTap's per-record failures ("Skipped record number : N", 1-based within the chunk)
 * are mapped back to the caller's indexes.
 */
@ApplicationScoped
public class Uploads {

    private static final Logger LOG = Logger.getLogger(Uploads.class);
    private static final Pattern SKIPPED = Pattern.compile("\\.?\\s*Skipped record number\\s*:\\s*(\\d+)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private static final ObjectMapper TREES = new ObjectMapper();
    private static final byte[] OPEN = "{\"d\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);

    private final CleverTapCalls calls;
    private final CleverTapConfig config;
    private final AccountLimiter limiter;

    Uploads(CleverTapCalls calls, CleverTapConfig config, AccountLimiter limiter) {
        this.calls = calls;
        this.config = config;
        this.limiter = limiter;
    }

    /**
     * A record to send: its index in the caller's list, its wire form as JSON, and the keys the profile cache knows its
     * profile by (identity, objectId, email; null when absent).
     */
    public record Item(int index, byte[] json, String identity, String objectId, String email) {

        /** The wire record as a tree, for matching a record CleverTap echoes back (rare: it usually names the number). */
        public JsonNode record() {
            try {
                return TREES.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A record that was not accepted: its index in the caller's list, CleverTap's code and why. A null code means
     * unconfirmed: CleverTap's answer did not say whether it stored the record.
     */
    public record Rejection(int index, Integer code, String message) {
    }

    /** The caller's records split into those to send and those refused before sending. */
    public record Split(List<Item> valid, List<Rejection> refused) {
    }

    /**
     * Reads a JSON array of records with {@code reader} (the parser on its {@code START_ARRAY}) and splits them into
     * CleverTap records to send and records refused here, each refused one reported as
     * {@code <field>[<index>].<problem>} with CleverTap's code. Input that does not fit the input type fails the whole
     * list. The upload mutations send while they read ({@link UploadFeed}); this reads a whole list first.
     *
     * @throws CleverTapBadInputException naming the record and field that do not fit
     */
    public static Split read(String field, JsonParser parser, UploadReader reader) {
        List<Item> valid = new ArrayList<>();
        List<Rejection> refused = new ArrayList<>();
        try {
            if (parser.currentToken() == null) {
                parser.nextToken();
            }
            CleverTapBadInputException.check(parser.currentToken() == JsonToken.START_ARRAY, field, "must be a list");
            int i = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String where = field + "[" + i + "]";
                UploadReader.Read read = reader.read(parser, where);
                if (read.problem() == null) {
                    valid.add(read.item(i));
                } else {
                    refused.add(new Rejection(i, read.problem().code(), where + "." + read.problem().message()));
                }
                i++;
            }
        } catch (UploadReader.Malformed e) {
            throw new CleverTapBadInputException(e.getMessage());
        } catch (IOException e) {
            throw new CleverTapBadInputException(field + ": is not valid JSON");
        }
        return new Split(valid, refused);
    }

    /**
     * A stream of records to send as they are read, in chunks of {@code chunkSize}, for callers with more records than
     * they may hold in memory; see {@link UploadStream}.
     *
     * @param afterChunk runs after each chunk's outcome is known, with the chunk's items (e.g. to drop cached reads)
     */
    public UploadStream stream(Endpoint endpoint, int chunkSize, Function<byte[], Uni<RestResponse<String>>> post,
            Function<List<Item>, Uni<Void>> afterChunk, UploadStream.Listener listener) {
        return new UploadStream(this, endpoint, chunkSize, 2 * limiter.limit(endpoint.limitClass()), post,
                afterChunk, listener);
    }

    /**
     * How many records CleverTap confirmed it accepted, and every other record by the caller's index: rejected (not
     * stored, with a code) or unconfirmed (code null: CleverTap's answer did not say).
     */
    public record Outcome(int accepted, List<Rejection> rejected) {
        /** How many of {@link #rejected()} are unconfirmed. */
        public int unconfirmed() {
            return (int) rejected.stream().filter(rejection -> rejection.code() == null).count();
        }
    }

    /**
     * Sends {@code items} in chunks of {@code chunkSize}.
     *
     * @param endpoint the upload endpoint; its {@code retryable} flag says whether the records are idempotent
     * @param post sends one {@code {"d":[...]}} body
     */
    public Uni<Outcome> send(Endpoint endpoint, List<Item> items, int chunkSize,
            Function<byte[], Uni<RestResponse<String>>> post) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(new Outcome(0, List.of()));
        }
        List<List<Item>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += chunkSize) {
            chunks.add(items.subList(from, Math.min(items.size(), from + chunkSize)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndMerge(chunk -> sendChunk(endpoint, chunk, post))
                .collect().asList()
                .map(outcomes -> {
                    int accepted = 0;
                    List<Rejection> rejected = new ArrayList<>();
                    boolean allAuthFailed = true;
                    for (ChunkOutcome outcome : outcomes) {
                        accepted += outcome.accepted;
                        rejected.addAll(outcome.rejected);
                        allAuthFailed &= outcome.authFailed;
                    }
                    if (allAuthFailed) {
                        throw new CleverTapAuthFailedException("CleverTap refused this service's credentials for the "
                                + endpoint.name() + " request; nothing was stored");
                    }
                    rejected.sort((a, b) -> Integer.compare(a.index(), b.index()));
                    return new Outcome(accepted, List.copyOf(rejected));
                });
    }

    /** One chunk's outcome: how many CleverTap accepted, every record it did not, and whether it refused our credentials. */
    record ChunkOutcome(int accepted, List<Rejection> rejected, boolean authFailed) {
    }

    /** Sends one chunk through the limiter, with retries, and accounts for each of its records. */
    Uni<ChunkOutcome> sendChunk(Endpoint endpoint, List<Item> chunk,
            Function<byte[], Uni<RestResponse<String>>> post) {
        byte[] body = body(chunk);
        return calls.exchange(endpoint, () -> post.apply(body), config.uploads().maxRetries())
                .map(response -> read(endpoint, chunk, response))
                .onFailure(CleverTapException.class)
                .recoverWithItem(failure -> failed(endpoint, chunk, (CleverTapException) failure));
    }

    /** {@code {"d":[...]}} from the records' JSON. */
    private static byte[] body(List<Item> chunk) {
        int size = 8 + chunk.size();
        for (Item item : chunk) {
            size += item.json().length;
        }
        byte[] body = new byte[size];
        int at = copy(OPEN, body, 0);
        for (int i = 0; i < chunk.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            at = copy(chunk.get(i).json(), body, at);
        }
        at = copy(CLOSE, body, at);
        return at == size ? body : Arrays.copyOf(body, at);
    }

    private static int copy(byte[] from, byte[] to, int at) {
        System.arraycopy(from, 0, to, at, from.length);
        return at + from.length;
    }

    /**
     * Reads an upload answer (HTTP 200 even when records failed; {@code unprocessed[]} names them) and believes it only as
     * far as it proves: records count as accepted only when {@code processed} plus the placed {@code unprocessed}
     * records add up to the chunk. An answer that does not confirm (a 5xx other than 503, a 2xx without a usable body,
     * {@code "fail"} without the records that failed, counts that do not add up) makes the records it does not account
     * for unconfirmed.
     */
    private ChunkOutcome read(Endpoint endpoint, List<Item> chunk, CleverTapResponse response) {
        int status = response.httpStatus();
        if (status == 401 || status == 403 || response.code() == 401) {
            return new ChunkOutcome(0, all(chunk, status, "not stored: CleverTap refused this service's credentials"), true);
        }
        if (status >= 500) {
            // CleverTap's error text stays out of the log: it can echo what it was sent
            LOG.warnf("CleverTap answered HTTP %d to a %s chunk; its %d records are unconfirmed", status, endpoint.key(),
                    chunk.size());
            return unconfirmed(endpoint, chunk, "CleverTap answered HTTP " + status);
        }
        if (status / 100 != 2) {
            LOG.warnf("CleverTap refused a whole %s chunk: HTTP %d, code %d", endpoint.key(), status, response.code());
            int code = response.code() > 0 ? response.code() : status;
            return new ChunkOutcome(0, all(chunk, code, "not stored: CleverTap refused the whole request (HTTP " + status
                    + (response.code() > 0 ? ", code " + response.code() : "") + ")"), false);
        }
        JsonNode unprocessed = response.body().path("unprocessed");
        JsonNode processed = response.body().path("processed");
        if (!unprocessed.isArray() || (unprocessed.isEmpty() && "fail".equals(response.bodyStatus()))) {
            LOG.warnf("CleverTap's answer to a %s chunk does not say which records it stored (HTTP %d, status %s); "
                    + "its %d records are unconfirmed", endpoint.key(), status, response.bodyStatus(), chunk.size());
            return unconfirmed(endpoint, chunk, "CleverTap's answer did not say which records it stored");
        }
        List<Rejection> rejected = new ArrayList<>();
        boolean[] seen = new boolean[chunk.size()];
        boolean unplaced = false;
        for (JsonNode failure : unprocessed) {
            String error = failure.path("error").asText("");
            int position = position(error, failure.path("record"), chunk, seen);
            Integer code = failure.path("code").canConvertToInt() ? failure.path("code").asInt() : null;
            if (position < 0) {
                unplaced = true;
                continue;
            }
            seen[position] = true;
            String reason = SKIPPED.matcher(error).replaceFirst("").trim();
            // a failure CleverTap names is not stored; 0 when it gave no code (null would mean unconfirmed)
            rejected.add(new Rejection(chunk.get(position).index(), code == null ? 0 : code,
                    reason.isEmpty() ? "rejected by CleverTap" : reason));
        }
        int rest = chunk.size() - rejected.size();
        if (unplaced || !processed.canConvertToInt() || processed.asInt() != rest) {
            LOG.warnf("CleverTap's answer to a %s chunk of %d records does not add up (processed %s, %d failures, %s); "
                    + "the %d records it did not name are unconfirmed", endpoint.key(), chunk.size(),
                    processed.canConvertToInt() ? processed.asText() : "missing", unprocessed.size(),
                    unplaced ? "some not placeable" : "all placed", rest);
            List<Item> unnamed = new ArrayList<>(rest);
            for (int i = 0; i < chunk.size(); i++) {
                if (!seen[i]) {
                    unnamed.add(chunk.get(i));
                }
            }
            rejected.addAll(unconfirmed(endpoint, unnamed, "CleverTap's counts of stored and failed records did not add "
                    + "up").rejected());
            return new ChunkOutcome(0, rejected, false);
        }
        return new ChunkOutcome(rest, rejected, false);
    }

    /** Every record of {@code chunk} unconfirmed (code null): CleverTap may have stored it. */
    private static ChunkOutcome unconfirmed(Endpoint endpoint, List<Item> chunk, String why) {
        return new ChunkOutcome(0, all(chunk, null, "not confirmed: " + why + "; it may have been stored, so "
                + (endpoint.retryable()
                        ? "sending it again is safe (it overwrites)"
                        : "re-sending it may duplicate it: check before sending again")),
                false);
    }

    /** The chunk position of an unprocessed record: from "Skipped record number : N", else by its echoed content. */
    private static int position(String error, JsonNode echoed, List<Item> chunk, boolean[] seen) {
        Matcher matcher = SKIPPED.matcher(error);
        if (matcher.find()) {
            try {
                int number = Integer.parseInt(matcher.group(1));
                if (number >= 1 && number <= chunk.size() && !seen[number - 1]) {
                    return number - 1;
                }
            } catch (NumberFormatException e) {
                // falls through to matching by content
            }
        }
        if (echoed.isObject() && !echoed.isEmpty()) {
            for (int i = 0; i < chunk.size(); i++) {
                if (!seen[i] && chunk.get(i).record().equals(echoed)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private ChunkOutcome failed(Endpoint endpoint, List<Item> chunk, CleverTapException failure) {
        if (failure instanceof CleverTapAuthFailedException) {
            return new ChunkOutcome(0, all(chunk, 401, "not stored: CleverTap refused this service's credentials"), true);
        }
        boolean surelyNotStored = failure instanceof CleverTapRateLimitedException
                || (failure instanceof CleverTapUnavailableException u && u.notProcessed());
        int attempts = config.uploads().maxRetries() + 1;
        if (failure instanceof CleverTapQueueFullException) {
            return new ChunkOutcome(0, all(chunk, 429, "not stored: too many uploads were already waiting for CleverTap, "
                    + "so this chunk was not sent; safe to send again"), false);
        }
        if (failure instanceof CleverTapCircuitOpenException) {
            return new ChunkOutcome(0, all(chunk, 503, "not stored: CleverTap has been failing, so this chunk was not "
                    + "sent; safe to send again"), false);
        }
        if (surelyNotStored) {
            Integer code = failure instanceof CleverTapRateLimitedException ? 429 : 503;
            return new ChunkOutcome(0, all(chunk, code, "not stored: CleverTap was "
                    + (code == 429 ? "limiting requests" : "unavailable") + " for " + attempts
                    + " attempts; safe to send again"), false);
        }
        if (endpoint.retryable()) {
            return unconfirmed(endpoint, chunk, "CleverTap did not answer for " + attempts + " attempts");
        }
        return unconfirmed(endpoint, chunk, "CleverTap's answer was lost after sending");
    }

    static List<Rejection> all(List<Item> chunk, Integer code, String message) {
        List<Rejection> rejected = new ArrayList<>(chunk.size());
        chunk.forEach(item -> rejected.add(new Rejection(item.index(), code, message)));
        return rejected;
    }
}
