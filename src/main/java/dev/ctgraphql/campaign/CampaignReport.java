package dev.ctgraphql.campaign;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ctgraphql.graphql.GraphQLLong;
import dev.ctgraphql.graphql.JsonValues;

/** A campaign's delivery report. */
@Type("CampaignReport")
@Description("A campaign's results. CleverTap has them only once the campaign has completed (ready).")
public record CampaignReport(
        @NonNull @Description("Whether CleverTap has results for the campaign yet.") boolean ready,
        @Description("Messages sent.") GraphQLLong sent,
        @Description("Messages viewed (opened).") GraphQLLong viewed,
        @Description("Messages clicked.") GraphQLLong clicked,
        @Description("CleverTap's whole result object, for metrics not mapped above.") JsonValue raw) {

    static CampaignReport notReady() {
        return new CampaignReport(false, null, null, null, null);
    }

    /** From the {@code result} object of a report; only {@code sent} is confirmed by public sources, the rest optional. */
    static CampaignReport from(JsonNode result) {
        return new CampaignReport(true, number(result, "sent"), number(result, "viewed"), number(result, "clicked"),
                JsonValues.toGraphQL(result));
    }

    private static GraphQLLong number(JsonNode result, String key) {
        JsonNode value = result.path(key);
        return value.canConvertToLong() ? GraphQLLong.of(value.asLong()) : null;
    }
}
