package dev.ctgraphql.message;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.graphql.api.Nullable;

import dev.ctgraphql.upstream.CleverTapBadInputException;

/** Users a message or an External Trigger goes to, by any mix of identifiers. */
@Input("RecipientsInput")
@Description("Who receives it: any mix of identities, email addresses and CleverTap ids (FBID and GPID for sendMessage "
        + "only); at most 1000 in all.")
public record RecipientsInput(
        @Nullable @Description("Your identities for the users.") List<@NonNull String> identities,
        @Nullable @Description("Email addresses.") List<@NonNull String> emails,
        @Nullable @Description("CleverTap ids.") List<@NonNull String> objectIds,
        @Nullable @Description("Facebook ids (sendMessage only).") List<@NonNull String> fbids,
        @Nullable @Description("Google Plus ids (sendMessage only).") List<@NonNull String> gpids) {

    /** CleverTap's most users per send. */
    static final int MAX = 1000;

    /**
     * The {@code to} object: {@code Identity}, {@code Email}, {@code objectId}, {@code FBID}, {@code GPID} for sends
     * (reference §6.2), {@code identity}, {@code email}, {@code objectId} for External Triggers (§6.6).
     */
    ObjectNode toWire(String field, boolean trigger) {
        ObjectNode to = JsonNodeFactory.instance.objectNode();
        int count = add(to, trigger ? "identity" : "Identity", identities, field + ".identities")
                + add(to, trigger ? "email" : "Email", emails, field + ".emails")
                + add(to, "objectId", objectIds, field + ".objectIds");
        if (trigger) {
            CleverTapBadInputException.check(fbids == null && gpids == null, field,
                    "External Triggers go to identities, emails or objectIds only");
        } else {
            count += add(to, "FBID", fbids, field + ".fbids") + add(to, "GPID", gpids, field + ".gpids");
        }
        CleverTapBadInputException.check(count > 0, field, "name at least one recipient");
        CleverTapBadInputException.check(count <= MAX, field, "name at most " + MAX + " recipients");
        return to;
    }

    private static int add(ObjectNode to, String key, List<String> values, String field) {
        if (values == null || values.isEmpty()) {
            return 0;
        }
        var array = to.putArray(key);
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            CleverTapBadInputException.check(value != null && !value.isBlank() && value.length() <= 1024,
                    field + "[" + i + "]", "must not be empty");
            array.add(value.trim());
        }
        return values.size();
    }
}
