package dev.ctgraphql.campaign;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.CleverTapPaths;

/**
 * CleverTap's campaign ("target") and message-report APIs. Built by {@code CleverTapRestClients}; answers are read as
 * text so that both the HTTP status and the body's status can be checked.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface CampaignRestClient {

    /** Body {@code {"from":yyyyMMdd,"to":yyyyMMdd}}: API-created campaigns whose start lies in the range. */
    @POST
    @Path(CleverTapPaths.CAMPAIGN_LIST)
    Uni<RestResponse<String>> list(JsonNode range);

    /** Body {@code {"id":N}}: the campaign's report once it has completed. */
    @POST
    @Path(CleverTapPaths.CAMPAIGN_RESULT)
    Uni<RestResponse<String>> result(JsonNode id);

    /** Creates a campaign, or with {@code estimate_only} only estimates its reach. At most 3 per second. */
    @POST
    @Path(CleverTapPaths.CAMPAIGN_CREATE)
    Uni<RestResponse<String>> create(JsonNode campaign);

    /** Body {@code {"id":N}}: stops a scheduled or running campaign. */
    @POST
    @Path(CleverTapPaths.CAMPAIGN_STOP)
    Uni<RestResponse<String>> stop(JsonNode id);

    /** Sent/viewed/clicked per message (all campaigns, dashboard ones included), optionally per day. */
    @POST
    @Path(CleverTapPaths.MESSAGE_REPORT)
    Uni<RestResponse<String>> messageReport(JsonNode query);
}
