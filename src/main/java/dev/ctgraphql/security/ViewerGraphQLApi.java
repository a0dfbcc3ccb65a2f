package dev.ctgraphql.security;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** {@code viewer}: lets a frontend ask who it is calling as and which roles it holds, to show only what it may use. */
@GraphQLApi
public class ViewerGraphQLApi {

    private final SecurityIdentity identity;

    ViewerGraphQLApi(SecurityIdentity identity) {
        this.identity = identity;
    }

    @Query
    @Description("Who is calling: the caller's name and roles, so a frontend can offer only what the caller may use.")
    public Uni<@NonNull Viewer> viewer() {
        boolean anonymous = identity.isAnonymous();
        String name = anonymous || identity.getPrincipal() == null ? null : identity.getPrincipal().getName();
        List<String> roles = identity.getRoles().stream().filter(Roles.ALL::contains).sorted().toList();
        return Uni.createFrom().item(new Viewer(name, anonymous, roles));
    }
}
