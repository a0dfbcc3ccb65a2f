package dev.ctgraphql.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import dev.ctgraphql.upstream.CleverTapBadInputException;
import dev.ctgraphql.upstream.Uploads;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Event records read from the caller's JSON without a running service: each written in CleverTap's wire form, each
 * refused one reported at its index in the caller's list with CleverTap's code, and input that does not fit EventInput
 * failing the whole list.
 */
class EventRecordsTest {

    private static final Instant NOW = Instant.parse("2024-03-05T12:00:00Z");
    private static final JsonFactory JSON = new JsonFactory();

    private static Uploads.Split read(String records) throws Exception {
        try (JsonParser parser = JSON.createParser(records)) {
            return Uploads.read("events", parser, new EventRecords(NOW));
        }
    }

    private static List<String> wire(Uploads.Split split) {
        return split.valid().stream().map(item -> item.index() + " " + new String(item.json(), StandardCharsets.UTF_8))
                .toList();
    }

    private static List<String> refused(Uploads.Split split) {
        return split.refused().stream().map(r -> r.index() + " " + r.code() + " " + r.message()).toList();
    }

    @Test
    void eachRecordIsWrittenInCleverTapsFormUnderItsOneIdentifier() throws Exception {
        Uploads.Split split = read(
                "[{\"identity\": \"u-1\", \"name\": \"Charged\", \"occurredAt\": \"2024-03-05T15:30:00+05:30\","
                        + " \"properties\": {\"Amount\": 10, \"Items\": [{\"sku\": \"a\"}]}},"
                        + " {\"objectId\": 42, \"name\": \"Viewed\"}, {\"fbid\": \"fb-9\", \"name\": \"Viewed\", \"properties\": null},"
                        + " {\"gpid\": \"gp-3\", \"name\": \"Viewed\"}]");

        assertThat(wire(split), contains(
                "0 {\"type\":\"event\",\"evtData\":{\"Amount\":10,\"Items\":[{\"sku\":\"a\"}]},\"identity\":\"u-1\","
                        + "\"ts\":1709632800,\"evtName\":\"Charged\"}",
                "1 {\"type\":\"event\",\"objectId\":\"42\",\"evtName\":\"Viewed\",\"evtData\":{}}",
                "2 {\"type\":\"event\",\"FBID\":\"fb-9\",\"evtName\":\"Viewed\",\"evtData\":{}}",
                "3 {\"type\":\"event\",\"GPID\":\"gp-3\",\"evtName\":\"Viewed\",\"evtData\":{}}"));
        assertThat(split.valid().get(0).identity(), equalTo("u-1"));
        assertThat(split.valid().get(1).objectId(), equalTo("42"));
        assertThat(split.refused(), equalTo(List.of()));
    }

    @Test
    void recordsCleverTapWouldRefuseAreReportedAtTheirIndexWithItsCodeAndTheOthersStillGo() throws Exception {
        Uploads.Split split = read("[{\"identity\": \"u-1\", \"name\": \"ok\"}, {\"name\": \"no one\"},"
                + " {\"identity\": \"u-1\", \"objectId\": \"o\", \"name\": \"two\"}, {\"identity\": \"u-1\", \"name\": \"App Installed\"},"
                + " {\"identity\": \"u-1\", \"name\": \" \"}, {\"identity\": \"u-1\", \"name\": \"old\", \"occurredAt\": \"1999-12-31T23:59:59Z\"},"
                + " {\"identity\": \"u-1\", \"name\": \"big\", \"properties\": {\"k\": \"" + "x".repeat(513) + "\"}},"
                + " {\"objectId\": \"\", \"name\": \"empty\"}, {\"identity\": \"u-2\", \"name\": \"ok too\"}]");

        assertThat(split.valid().stream().map(Uploads.Item::index).toList(), contains(0, 8));
        assertThat(refused(split), contains(
                "1 523 events[1].one of identity, objectId, fbid or gpid is required",
                "2 512 events[2].give only one of identity, objectId, fbid and gpid",
                "3 513 events[3].name 'App Installed' is a restricted system event",
                "4 509 events[4].name is required",
                "5 525 events[5].occurredAt 1999-12-31T23:59:59Z is out of range (2000-01-01 to one day ahead)",
                "6 512 events[6].properties.k is longer than 512 bytes",
                "7 526 events[7].objectId must not be empty"));
    }

    @Test
    void anEventMoreThanADayAheadIsRefusedAndOneWithinADayIsNot() throws Exception {
        Uploads.Split split = read("[{\"identity\": \"u\", \"name\": \"e\", \"occurredAt\": \"2024-03-06T11:59:59Z\"},"
                + " {\"identity\": \"u\", \"name\": \"e\", \"occurredAt\": \"2024-03-06T12:00:01Z\"}]");

        assertThat(split.valid().stream().map(Uploads.Item::index).toList(), contains(0));
        assertThat(refused(split), contains(
                "1 525 events[1].occurredAt 2024-03-06T12:00:01Z is out of range (2000-01-01 to one day ahead)"));
    }

    @Test
    void inputThatDoesNotFitEventInputFailsTheWholeListNamingRecordAndField() {
        assertThat(failure("[{\"identity\": \"u\", \"name\": \"e\"}, {\"identity\": \"u\", \"name\": 7}]"),
                equalTo("events[1].name: must be a string"));
        assertThat(failure("[{\"identity\": \"u\", \"name\": \"e\", \"colour\": \"red\"}]"),
                equalTo("events[0].colour: is not a field of EventInput"));
        assertThat(failure("[{\"identity\": \"u\"}]"), equalTo("events[0].name: is required"));
        assertThat(failure("[{\"identity\": \"u\", \"name\": \"e\", \"occurredAt\": \"yesterday\"}]"),
                equalTo("events[0].occurredAt: 'yesterday' is not an ISO date-time with offset"));
        assertThat(failure("[\"u\"]"), equalTo("events[0]: must be a EventInput object"));
        assertThat(failure("{\"identity\": \"u\"}"), equalTo("events: must be a list"));
        assertThat(failure("[{\"identity\": \"u\", "), equalTo("events: is not valid JSON"));
    }

    private static String failure(String records) {
        return assertThrows(CleverTapBadInputException.class, () -> read(records)).getMessage();
    }
}
