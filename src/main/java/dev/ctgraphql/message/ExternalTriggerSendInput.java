package dev.ctgraphql.message;

import java.util.Iterator;
import java.util.Map;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ctgraphql.graphql.JsonValues;
import dev.ctgraphql.upstream.CleverTapBadInputException;

/** One External Trigger campaign to some users, with its personalisation values. */
@Input("ExternalTriggerSendInput")
@Description("An External Trigger campaign (created in CleverTap's dashboard) sent to some users.")
public record ExternalTriggerSendInput(
        @NonNull @Id @Description("CleverTap's id of the External Trigger campaign.") String campaignId,
        @NonNull @Description("Who receives it (identities, emails or objectIds).") RecipientsInput to,
        @Description("Personalisation values the campaign maps, e.g. {\"Name\":\"John\"}; CleverTap takes only strings "
                + "(also inside lists of objects such as productDetails).") JsonValue values) {

    /** {@code {to, campaign_id, ExternalTrigger}} (reference §6.6), checked before anything is sent. */
    ObjectNode toWire(String field) {
        CleverTapBadInputException.check(campaignId != null && campaignId.matches("\\d{1,18}"), field + ".campaignId",
                "must be a numeric CleverTap campaign id");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("to", to.toWire(field + ".to", true));
        body.put("campaign_id", campaignId);
        JsonNode mapped = JsonValues.toWire(values);
        if (mapped != null) {
            CleverTapBadInputException.check(mapped.isObject(), field + ".values", "must be an object");
            checkStrings(mapped, field + ".values");
            body.set("ExternalTrigger", mapped);
        }
        return body;
    }

    private static void checkStrings(JsonNode node, String field) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                var entry = it.next();
                checkStrings(entry.getValue(), field + "." + entry.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkStrings(node.get(i), field + "[" + i + "]");
            }
        } else {
            CleverTapBadInputException.check(node.isTextual(), field,
                    "must be a string (CleverTap takes only strings as personalisation values)");
        }
    }
}
