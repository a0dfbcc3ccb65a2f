package dev.ctgraphql.security;

import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.ctgraphql.GraphQLClient;

import static io.restassured.RestAssured.given;

/** A caller of {@code /graphql} with some credentials (or none), sending the test documents of {@link GraphQLClient}. */
record Caller(String header, String value) {

    static final Caller ANONYMOUS = new Caller(null, null);

    static Caller apiKey(String key) {
        return new Caller("X-API-Key", key);
    }

    static Caller authorization(String value) {
        return new Caller("Authorization", value);
    }

    static Caller bearer(String token) {
        return authorization("Bearer " + token);
    }

    RequestSpecification request() {
        RequestSpecification request = given();
        return header == null ? request : request.header(header, value);
    }

    /** Posts the named document with variables given as alternating names and values. */
    Response post(String document, Object... variables) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("query", GraphQLClient.document(document));
        body.put("variables", vars);
        return request().contentType(ContentType.JSON).accept(ContentType.JSON).body(body).post("/graphql");
    }
}
