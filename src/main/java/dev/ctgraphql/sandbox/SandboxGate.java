package dev.ctgraphql.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

import dev.ctgraphql.upstream.CleverTapConfig;
import dev.ctgraphql.upstream.CleverTapCredentials;
import dev.ctgraphql.upstream.CleverTapPaths;
import dev.ctgraphql.upstream.Pause;

/**
 * What every sandbox request goes through, in CleverTap's order: counted, authenticated, admitted under the concurrency
 * limit, maybe faulted, served off the event loop, answered no sooner than the configured latency after it arrived
 * (its head was read) and never before its work is done; the slot is held until the answer.
 */
@ApplicationScoped
class SandboxGate {

    static final String PREFIX = "/sandbox";

    private static final Logger LOG = Logger.getLogger(SandboxGate.class);
    /** Before everything else on the sandbox's paths (Quarkus' authentication runs at -200). */
    private static final int ARRIVAL_ORDER = -1000;
    private static final String ARRIVED = SandboxGate.class.getName() + ".arrived";
    private static final Set<String> KNOWN_PATHS = Set.of(CleverTapPaths.UPLOAD, CleverTapPaths.EVENTS, CleverTapPaths.PROFILES,
            CleverTapPaths.PROFILE, CleverTapPaths.DELETE_PROFILES, CleverTapPaths.COUNT_EVENTS, CleverTapPaths.COUNT_PROFILES,
            CleverTapPaths.COUNT_TRENDS, CleverTapPaths.COUNT_TOP, CleverTapPaths.NOW, CleverTapPaths.CAMPAIGN_LIST,
            CleverTapPaths.CAMPAIGN_RESULT,
            CleverTapPaths.CAMPAIGN_STOP, CleverTapPaths.CAMPAIGN_CREATE, CleverTapPaths.MESSAGE_REPORT);

    private final CleverTapConfig config;
    private final CleverTapCredentials credentials;
    private final SandboxLimits limits;
    private final SandboxStats stats;
    private final SandboxFaults faults;

    SandboxGate(CleverTapConfig config, CleverTapCredentials credentials, SandboxLimits limits, SandboxStats stats,
            SandboxFaults faults) {
        this.config = config;
        this.credentials = credentials;
        this.limits = limits;
        this.stats = stats;
        this.faults = faults;
    }

    boolean enabled() {
        return config.sandbox().enabled();
    }

    /**
     * Notes when each sandbox request arrives, as soon as its head is read and before its body is: the latency counts from
     * there, as a remote CleverTap's answer time includes receiving the request.
     */
    void stampArrivals(@Observes Router router) {
        if (!enabled()) {
            return;
        }
        router.route(PREFIX + "/*").order(ARRIVAL_ORDER).handler(ctx -> {
            if (VertxContext.isOnDuplicatedContext()) {
                ContextLocals.put(ARRIVED, System.nanoTime());
            }
            ctx.next();
        });
    }

    /** Serves one CleverTap API call; {@code action} runs on a worker thread and may throw {@link SandboxException}. */
    Uni<Response> serve(HttpServerRequest request, SandboxLimits.Kind kind, Supplier<Response> action) {
        if (!enabled()) {
            return Uni.createFrom().item(notFound());
        }
        stats.request(key(request));
        Duration latency = sinceArrival(faults.latency());
        Response denied = authenticate(request);
        if (denied != null) {
            return delayed(Uni.createFrom().item(denied), latency);
        }
        if (!limits.tryAcquire(kind)) {
            stats.rejected();
            return delayed(Uni.createFrom().item(SandboxFaults::tooManyConcurrent), latency);
        }
        Response fault = faults.nextFault();
        Uni<Response> work;
        if (fault != null) {
            stats.fault();
            work = Uni.createFrom().item(fault);
        } else {
            work = Uni.createFrom().item(() -> run(action)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return delayed(work, latency).onTermination().invoke(() -> limits.release(kind));
    }

    /** Answers a path CleverTap does not have with 404, or a method it does not serve there with 405 (counted, not authenticated). */
    Response unknown(HttpServerRequest request) {
        if (!enabled()) {
            return notFound();
        }
        String key = key(request);
        stats.request(key);
        return KNOWN_PATHS.contains(key.substring(key.indexOf(' ') + 1))
                ? SandboxJson.fail(405, "Method not allowed", 405)
                : notFound();
    }

    static Response notFound() {
        return SandboxJson.fail(404, "Not found", 404);
    }

    private Response authenticate(HttpServerRequest request) {
        if (!same(request.getHeader("X-CleverTap-Account-Id"), credentials.accountId())) {
            return SandboxJson.fail(401, "Account ID is not valid", 401);
        }
        if (!same(request.getHeader("X-CleverTap-Passcode"), credentials.passcode())) {
            return SandboxJson.fail(401, "Invalid Passcode", 401);
        }
        return null;
    }

    private Response run(Supplier<Response> action) {
        try {
            return action.get();
        } catch (SandboxException e) {
            if (e.status() == 429) {
                stats.rejected();
            }
            return e.toResponse();
        } catch (RuntimeException e) {
            LOG.error("Sandbox request failed", e);
            return SandboxJson.fail(500, "Internal server error", 500);
        }
    }

    /**
     * The answer, no sooner than {@code latency} after the request arrived: the work runs meanwhile, as CleverTap's own
     * processing happens within its answer time (and, here, the sandbox's processing on this machine's CPU is no part of
     * the latency it stands for). Work that takes longer than the latency delays the answer by that much more.
     */
    private static Uni<Response> delayed(Uni<Response> answer, Duration latency) {
        if (latency.isZero()) {
            return answer;
        }
        Uni<Void> wait = Pause.of(latency);
        return Uni.combine().all().unis(answer, wait).with((response, ignored) -> response);
    }

    /** What is left of {@code latency} since the request arrived (all of it when the arrival was not noted). */
    private static Duration sinceArrival(Duration latency) {
        if (latency.isZero() || !VertxContext.isOnDuplicatedContext()) {
            return latency;
        }
        Long arrived = ContextLocals.<Long>get(ARRIVED).orElse(null);
        if (arrived == null) {
            return latency;
        }
        long left = latency.toNanos() - (System.nanoTime() - arrived);
        // Pause rounds what is left up to whole milliseconds: the answer never comes before the latency
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    private static boolean same(String sent, String expected) {
        if (sent == null || expected == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String key(HttpServerRequest request) {
        String path = request.path();
        if (path.startsWith(PREFIX)) {
            path = path.substring(PREFIX.length());
        }
        return request.method().name() + " " + path;
    }
}
