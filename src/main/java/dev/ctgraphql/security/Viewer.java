package dev.ctgraphql.security;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The caller of a request: who it is and which roles it holds. */
@Type("Viewer")
@Description("The caller of this request, as the service authenticated it.")
public record Viewer(
        @Description("The API key's name or the token's subject; null for an anonymous caller.") String name,
        @NonNull @Description("True when the request carried no credentials.") boolean anonymous,
        @NonNull @Description("The caller's roles (viewer, editor, admin), sorted: what each allows is in the README.") List<@NonNull String> roles) {
}
