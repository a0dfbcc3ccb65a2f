package dev.ctgraphql.upstream;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The CQL body sent to counts, exports and campaign targeting: CleverTap's keys, in one order, empty parts left out. */
class CqlQueryTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void aBareQueryIsTheEventAndTheDaysAsYyyyMmDdNumbers() {
        CqlQuery query = new CqlQuery("App Launched", LocalDate.parse("2024-03-01"), LocalDate.parse("2024-03-31"), List.of(),
                List.of(), List.of());

        assertThat(query.toJson().toString(), equalTo("{\"event_name\":\"App Launched\",\"from\":20240301,\"to\":20240331}"));
    }

    @Test
    void filtersGoUnderTheirThreeKeysAndAFilterWithoutAValueHasNoValueKey() {
        CqlQuery query = new CqlQuery("Charged", LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-02"),
                List.of(new CqlQuery.Filter("Amount", "greater_than", NODES.numberNode(10)),
                        new CqlQuery.Filter("Coupon", "exists", null)),
                List.of(new CqlQuery.Filter("os", "equals", NODES.textNode("Android"))),
                List.of(new CqlQuery.Filter("Premium", "equals", NODES.textNode("True")),
                        new CqlQuery.Filter("Email", "does_not_exist", NullNode.getInstance())));

        assertThat(query.toJson().toString(), equalTo("{\"event_name\":\"Charged\",\"from\":20240101,\"to\":20240102,"
                + "\"event_properties\":[{\"name\":\"Amount\",\"operator\":\"greater_than\",\"value\":10},"
                + "{\"name\":\"Coupon\",\"operator\":\"exists\"}],"
                + "\"session_properties\":[{\"name\":\"os\",\"operator\":\"equals\",\"value\":\"Android\"}],"
                + "\"common_profile_properties\":{\"profile_fields\":[{\"name\":\"Premium\",\"operator\":\"equals\","
                + "\"value\":\"True\"},{\"name\":\"Email\",\"operator\":\"does_not_exist\"}]}}"));
    }

    @Test
    void equalQueriesGiveEqualTextSoTheyShareACacheKey() {
        CqlQuery a = new CqlQuery("E", LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-02"),
                List.of(new CqlQuery.Filter("p", "equals", NODES.textNode("x"))), List.of(), List.of());
        CqlQuery b = new CqlQuery("E", LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-02"),
                List.of(new CqlQuery.Filter("p", "equals", NODES.textNode("x"))), List.of(), List.of());

        assertThat(a.toJson().toString(), equalTo(b.toJson().toString()));
    }
}
