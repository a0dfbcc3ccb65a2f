package dev.ctgraphql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;

/**
 * Sends GraphQL operations kept as {@code .graphql} files under {@code src/test/resources/graphql/} with their
 * variables, as {@code {"query", "variables"}} JSON to {@code /graphql}.
 */
public final class GraphQLClient {

    private static final Map<String, String> DOCUMENTS = new ConcurrentHashMap<>();

    private GraphQLClient() {
    }

    /** The text of {@code graphql/<name>.graphql}. */
    public static String document(String name) {
        return DOCUMENTS.computeIfAbsent(name, n -> {
            try (InputStream in = GraphQLClient.class.getResourceAsStream("/graphql/" + n + ".graphql")) {
                if (in == null) {
                    throw new IllegalArgumentException("no test document graphql/" + n + ".graphql");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Posts the named document with variables given as alternating names and values. */
    public static Response post(String name, Object... variables) {
        return postText(document(name), variables);
    }

    /** Posts the document {@code query} (its text) with variables given as alternating names and values. */
    public static Response postText(String query, Object... variables) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", vars);
        return given().contentType(ContentType.JSON).accept(ContentType.JSON).body(body).post("/graphql");
    }

    /** Posts and returns the JSON answer, checking only that HTTP said 200. */
    public static JsonPath run(String name, Object... variables) {
        Response response = post(name, variables);
        if (Boolean.getBoolean("graphql.debug")) {
            org.jboss.logging.Logger.getLogger(GraphQLClient.class).infof("%s -> %s", name, response.asString());
        }
        return response.then().statusCode(200).extract().jsonPath();
    }
}
