package dev.ctgraphql.webhook;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /webhooks/clevertap}: receives CleverTap's webhook calls (reference §8). A Vert.x route rather than a REST
 * resource so that credentials are checked before the body is read, and the body is cut off at
 * {@code webhooks.max-body-size} (413) instead of being buffered up to the service-wide request limit. Answers 200 to
 * every authenticated well-formed call, including the test call CleverTap makes when a template is saved (CleverTap
 * saves the template only after a 200); 400 to a body that is not a JSON webhook call, which is not stored.
 */
@ApplicationScoped
class WebhookReceiver {

    static final String PATH = "/webhooks/clevertap";
    private static final Logger LOG = Logger.getLogger(WebhookReceiver.class);

    private final WebhookAuth auth;
    private final WebhookStore store;
    private final WebhookConfig config;
    /** Resolved by the first webhook call: making Quarkus' mapper costs the start tens of ms the first answer does not need. */
    private final Instance<ObjectMapper> mappers;

    WebhookReceiver(WebhookAuth auth, WebhookStore store, WebhookConfig config, Instance<ObjectMapper> mappers) {
        this.auth = auth;
        this.store = store;
        this.config = config;
        this.mappers = mappers;
    }

    void routes(@Observes Router router) {
        long limit = config.maxBodySize().asLongValue();
        // two routes, because Vert.x wants a route's body handler first: credentials are checked before the body is read
        router.post(PATH).handler(this::authenticate);
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(limit)).handler(this::receive);
    }

    private void authenticate(RoutingContext context) {
        if (!auth.accepts(context.request())) {
            if (auth.basicConfigured()) {
                context.response().putHeader("WWW-Authenticate", "Basic realm=\"webhooks\"");
            }
            answer(context, 401, "fail", "Missing or wrong webhook credentials");
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > config.maxBodySize().asLongValue()) {
            answer(context, 413, "fail", "Body larger than " + config.maxBodySize().asLongValue() + " bytes");
            return;
        }
        context.next();
    }

    private void receive(RoutingContext context) {
        byte[] bytes = context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes();
        JsonNode body;
        try {
            body = bytes.length == 0 ? null : mappers.get().readTree(bytes);
        } catch (JsonProcessingException e) {
            answer(context, 400, "fail", "The body is not valid JSON");
            return;
        } catch (IOException e) {
            answer(context, 400, "fail", "The body could not be read");
            return;
        }
        if (body == null) {
            answer(context, 400, "fail", "The body is empty");
            return;
        }
        WebhookDelivery delivery;
        try {
            // numbered by the store
            delivery = WebhookPayload.read(body, "", OffsetDateTime.now(ZoneOffset.UTC));
        } catch (WebhookPayload.MalformedException e) {
            answer(context, 400, "fail", "Not a CleverTap webhook call: " + e.getMessage());
            return;
        }
        // answered on the request's own context, whichever thread stored it
        Context requestContext = context.vertx().getOrCreateContext();
        store.add(delivery, body).emitOn(task -> requestContext.runOnContext(ignored -> task.run())).subscribe()
                .with(stored -> {
                    LOG.debugf("Webhook delivery %s for target %s with %d profile(s)", stored.id(), stored.targetId(),
                            stored.profiles().size());
                    answer(context, 200, "success", null);
                }, failure -> {
                    // the store keeps a delivery in memory when Redis fails; this is a bug, not a reason to drop the call
                    LOG.errorf("Webhook delivery not stored: %s", failure.getClass().getSimpleName());
                    answer(context, 500, "fail", "The call could not be stored");
                });
    }

    private static void answer(RoutingContext context, int status, String outcome, String error) {
        StringBuilder json = new StringBuilder("{\"status\":\"").append(outcome).append('"');
        if (error != null) {
            // error texts are our own constants, never echo the request
            json.append(",\"error\":\"").append(error).append('"');
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(json.append('}').toString());
    }
}
