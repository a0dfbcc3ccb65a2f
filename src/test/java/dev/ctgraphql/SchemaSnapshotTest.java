package dev.ctgraphql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fails when the live schema differs from the committed {@code src/main/resources/schema.graphql}, so every schema
 * change shows up in review. To accept a change: {@code ./mvnw test -Dtest=SchemaSnapshotTest -Dschema.update=true}.
 */
@QuarkusTest
class SchemaSnapshotTest {

    static final Path COMMITTED = Path.of("src/main/resources/schema.graphql");

    @Test
    void liveSchemaMatchesTheCommittedOne() throws IOException {
        String live = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString().strip() + "\n";
        if (Boolean.getBoolean("schema.update")) {
            Files.writeString(COMMITTED, live, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertEquals(committed, live, "The GraphQL schema changed. If intended, rerun with -Dschema.update=true and commit "
                + COMMITTED);
    }
}
