package dev.ctgraphql.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Interface;
import org.eclipse.microprofile.graphql.NonNull;

/** Relay's object identification: a type whose objects can be fetched again by their global id with {@code node(id:)}. */
@Interface("Node")
@Description("An object with a global id: pass it to node(id:) to fetch the object again (Relay object identification).")
public interface Node {

    /** The global id; unique across types. */
    @NonNull
    @Id
    @Description("Global id, unique across types.")
    String getId();
}
