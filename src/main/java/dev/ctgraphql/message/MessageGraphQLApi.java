package dev.ctgraphql.message;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.CleverTapBadInputException;
import dev.ctgraphql.upstream.CleverTapConfig;

/**
 * Messages to named users, External Trigger campaigns and custom lists. Results are nullable so that a field refused
 * to the caller (or failing) leaves the other fields' results in the same document.
 */
@GraphQLApi
public class MessageGraphQLApi {

    /** Most sends one triggerExternalCampaign may hold (one v2 call). */
    static final int MAX_SENDS = 1000;

    private final MessageClient client;
    private final CleverTapConfig config;

    MessageGraphQLApi(MessageClient client, CleverTapConfig config) {
        this.client = client;
        this.config = config;
    }

    @Mutation
    @Description("Sends a message now to up to 1000 named users on PUSH, WEBPUSH, EMAIL or SMS (CleverTap queues it; its "
            + "results show in messageReports). Never retried when the answer is lost, so it is never sent twice.")
    public Uni<SendMessageResult> sendMessage(@NonNull @Name("input") @Description("The message.") SendMessageInput input) {
        ObjectNode body = input.toWire();
        int recipients = recipients(body);
        return client.send(input.wireChannel(), body).map(message -> new SendMessageResult(recipients, message));
    }

    @Mutation
    @Description("Sends External Trigger campaigns (created in CleverTap's dashboard) to users: one send through "
            + "External Trigger v1, several at once through v2 with the account's token (CLEVERTAP_EXTERNAL_TRIGGER_TOKEN).")
    public Uni<TriggerResult> triggerExternalCampaign(
            @NonNull @Name("sends") @Description("One or more campaigns, each to its users.") List<@NonNull ExternalTriggerSendInput> sends) {
        CleverTapBadInputException.check(!sends.isEmpty() && sends.size() <= MAX_SENDS, "sends",
                "give 1 to " + MAX_SENDS + " sends");
        List<ObjectNode> bodies = new ArrayList<>(sends.size());
        int recipients = 0;
        for (int i = 0; i < sends.size(); i++) {
            ObjectNode body = sends.get(i).toWire("sends[" + i + "]");
            recipients += recipients(body);
            bodies.add(body);
        }
        int named = recipients;
        return client.trigger(bodies).map(message -> new TriggerResult(sends.size(), named, sends.size() == 1 ? 1 : 2,
                message));
    }

    @Mutation
    @Description("Creates (or with replace, replaces) a custom list of users by identity and/or CleverTap id: the list's "
            + "file is uploaded to CleverTap's storage and CleverTap builds the list, emailing the outcome.")
    public Uni<CustomListResult> uploadCustomList(@NonNull @Name("input") @Description("The list.") CustomListInput input) {
        CleverTapBadInputException.check(input.name() != null && !input.name().isBlank() && input.name().length() <= 200
                && input.name().chars().noneMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c)),
                "input.name", "must be 1 to 200 characters, without slashes");
        CleverTapBadInputException.check(input.email() != null && input.email().indexOf('@') > 0
                && input.email().length() <= 254, "input.email", "is not an email address");
        Set<String> rows = new LinkedHashSet<>();
        addRows(rows, "i", input.identities(), "input.identities");
        addRows(rows, "g", input.objectIds(), "input.objectIds");
        CleverTapBadInputException.check(!rows.isEmpty(), "input", "name at least one identity or objectId");
        int max = config.uploads().maxRecords();
        CleverTapBadInputException.check(rows.size() <= max, "input", "name at most " + max + " members");
        return client.customList(input.name().trim(), input.email().trim(), Boolean.TRUE.equals(input.replace()),
                List.copyOf(rows)).map(message -> new CustomListResult(rows.size(), message));
    }

    /** Users named under {@code to}, over all its lists. */
    private static int recipients(ObjectNode body) {
        int count = 0;
        for (Iterator<JsonNode> it = body.get("to").elements(); it.hasNext();) {
            count += it.next().size();
        }
        return count;
    }

    private static void addRows(Set<String> rows, String type, List<String> values, String field) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            CleverTapBadInputException.check(value != null && !value.isBlank() && value.length() <= 1024
                    && value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r'), field + "[" + i + "]",
                    "must be non-empty, without commas, quotes or line breaks");
            rows.add(type + "," + value.trim());
        }
    }
}
