package dev.ctgraphql.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.ctgraphql.upstream.CleverTapPaths;

/** CleverTap's Get Profile by id ({@code GET /1/profile.json}) and Delete Profiles ({@code POST /1/delete/profiles.json}). */
@Path(SandboxGate.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
public class SandboxProfileResource {

    static final int MAX_DELETE = 100;

    private final SandboxGate gate;
    private final SandboxStore store;

    SandboxProfileResource(SandboxGate gate, SandboxStore store) {
        this.gate = gate;
        this.store = store;
    }

    /** Exactly one of identity, email, objectId; answers {@code {"status":"success","record":{...}}} or a 404. */
    @GET
    @Path(CleverTapPaths.PROFILE)
    public Uni<Response> profile(@Context HttpServerRequest request, @QueryParam("identity") String identity,
            @QueryParam("email") String email, @QueryParam("objectId") String objectId) {
        return gate.serve(request, SandboxLimits.Kind.OTHER, () -> {
            int given = (blank(identity) ? 0 : 1) + (blank(email) ? 0 : 1) + (blank(objectId) ? 0 : 1);
            if (given != 1) {
                throw SandboxException.badRequest("Exactly one of identity, email or objectId is required");
            }
            ObjectNode record = store.read(data -> {
                SandboxProfile profile = !blank(identity)
                        ? data.byIdentity(identity)
                        : !blank(email) ? data.byEmail(email) : data.byObjectId(objectId);
                return profile == null ? null : SandboxRecords.profile(profile, SandboxRecords.Flags.ALL);
            });
            if (record == null) {
                return SandboxJson.fail(404, "Profile not found", 404);
            }
            ObjectNode answer = SandboxJson.success();
            answer.set("record", record);
            return SandboxJson.ok(answer);
        });
    }

    /** {@code {"identity": "x" | [...]}} or {@code {"guid": "x" | [...]}}, never both, at most 100 values. */
    @POST
    @Path(CleverTapPaths.DELETE_PROFILES)
    public Uni<Response> delete(@Context HttpServerRequest request, String body) {
        return gate.serve(request, SandboxLimits.Kind.OTHER, () -> {
            ObjectNode json = SandboxJson.parseObject(body);
            boolean byIdentity = json.hasNonNull("identity");
            boolean byGuid = json.hasNonNull("guid");
            if (byIdentity == byGuid) {
                throw SandboxException.badRequest(byIdentity
                        ? "Specify either identity or guid, not both"
                        : "Missing mandatory parameter: identity or guid");
            }
            List<String> values = values(json.get(byIdentity ? "identity" : "guid"));
            store.write(data -> {
                Set<SandboxProfile> doomed = new LinkedHashSet<>();
                for (String value : values) {
                    SandboxProfile profile = byIdentity ? data.byIdentity(value) : data.byObjectId(value);
                    if (profile != null) {
                        doomed.add(profile);
                    }
                }
                doomed.forEach(data::removeProfile);
                return null;
            });
            return SandboxJson.ok(SandboxJson.success());
        });
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(value(v)));
        } else {
            values.add(value(node));
        }
        if (values.isEmpty()) {
            throw SandboxException.badRequest("No identity or guid to delete");
        }
        if (values.size() > MAX_DELETE) {
            throw SandboxException.badRequest("At most " + MAX_DELETE + " values are allowed per request");
        }
        return values;
    }

    private static String value(JsonNode node) {
        if ((!node.isTextual() && !node.isIntegralNumber()) || node.asText().isBlank()) {
            throw SandboxException.badRequest("identity and guid values must be non-empty strings");
        }
        return node.asText();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
