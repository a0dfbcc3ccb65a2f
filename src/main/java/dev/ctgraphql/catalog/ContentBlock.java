package dev.ctgraphql.catalog;

import java.time.OffsetDateTime;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** A reusable content block of the account. */
@Type("ContentBlock")
@Description("A reusable piece of message content (text, HTML or image) kept in CleverTap.")
public record ContentBlock(
        @Id @Description("CleverTap's id of the block.") String id,
        @Description("Block name.") String name,
        @Description("Kind of block as CleverTap names it (e.g. text, html, image).") String type,
        @Description("The block's content.") JsonValue content,
        @Description("When it last changed. ") OffsetDateTime updatedAt,
        @Description("CleverTap's whole entry, for fields not mapped above.") JsonValue raw) {
}
