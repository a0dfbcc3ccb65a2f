package dev.ctgraphql.graphql;

import java.io.StringReader;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** A wire node becomes the JSON value its text reads as, whatever it nests, and back. */
class JsonValuesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aWireTreeBecomesTheValueItsTextReadsAs() throws Exception {
        String text = "{\"s\":\"a\\\"b\",\"i\":42,\"big\":123456789012345678901234567890,\"d\":1.25,\"t\":true,"
                + "\"f\":false,\"n\":null,\"a\":[1,\"x\",null,{\"k\":[]}],\"o\":{\"nested\":{\"deep\":-7}}}";
        JsonValue converted = JsonValues.toGraphQL(MAPPER.readTree(text));
        try (JsonReader reader = JsonValues.JSON.createReader(new StringReader(text))) {
            assertThat(converted, equalTo(reader.readValue()));
        }
        assertThat(MAPPER.writeValueAsString(JsonValues.toWire(converted)),
                equalTo(MAPPER.writeValueAsString(MAPPER.readTree(text))));
    }

    @Test
    void scalarsAndMissingNodes() throws Exception {
        assertThat(JsonValues.toGraphQL(MAPPER.readTree("\"Mumbai\"")), equalTo(JsonValues.JSON.createValue("Mumbai")));
        assertThat(JsonValues.toGraphQL(MAPPER.readTree("7")).toString(), equalTo("7"));
        assertThat(JsonValues.toGraphQL(MAPPER.readTree("null")), nullValue());
        assertThat(JsonValues.toGraphQL(MAPPER.readTree("{}").path("absent")), nullValue());
        assertThat(JsonValues.toGraphQL(null), nullValue());
    }
}
