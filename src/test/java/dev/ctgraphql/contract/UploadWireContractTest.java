package dev.ctgraphql.contract;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.LogCapture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Event uploads on the wire: record shape, chunking, per-record results, local validation, retries and faults. */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class UploadWireContractTest extends WireContractTestBase {

    static final String UPLOAD = "/1/upload?dryRun=0";
    static final String ALL_STORED = "{\"status\":\"success\",\"processed\":1000,\"unprocessed\":[]}";
    static final Map<String, Object> PAGE = Map.of("Page", "home");

    @Test
    void eventsAreSentAsCleverTapRecordsWithEpochSecondsAndAuthHeaders() {
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD))
                .willReturn(json(200, "{\"status\":\"success\",\"processed\":2,\"unprocessed\":[]}")));

        JsonPath answer = GraphQLClient.run("uploadEvents", "events", List.of(
                Map.of("identity", "jack@example.com", "name", "Charged", "occurredAt", "2024-03-05T15:30:00+05:30",
                        "properties", Map.of("Amount", 300, "Currency", "USD", "Payment mode", "Credit Card",
                                "Items", List.of(Map.of("Category", "books", "Quantity", 1)))),
                Map.of("objectId", "__g9e75e20dcf3d41ee", "name", "Product viewed",
                        "properties", Map.of("Product name", "Casio Chronograph Watch", "Price", 59.99))));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.uploadEvents.status"), equalTo("SUCCESS"));
        assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(2));
        assertThat(answer.getList("data.uploadEvents.rejected"), empty());
        // 15:30 at +05:30 is 10:00 UTC: 1709632800; no ts at all when occurredAt is omitted
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(WireMock.equalToJson("""
                        {"d":[
                          {"type":"event","identity":"jack@example.com","ts":1709632800,"evtName":"Charged",
                           "evtData":{"Amount":300,"Currency":"USD","Payment mode":"Credit Card",
                                      "Items":[{"Category":"books","Quantity":1}]}},
                          {"type":"event","objectId":"__g9e75e20dcf3d41ee","evtName":"Product viewed",
                           "evtData":{"Product name":"Casio Chronograph Watch","Price":59.99}}]}""")));
        assertThat(wire().getAllServeEvents(), hasSize(1));
    }

    @Test
    void dryRunAsksCleverTapToValidateOnly() {
        stub(WireMock.post(WireMock.urlPathEqualTo("/1/upload"))
                .willReturn(json(200, "{\"status\":\"success\",\"processed\":1,\"unprocessed\":[]}")));

        JsonPath answer = GraphQLClient.run("uploadEvents", "events",
                List.of(Map.of("identity", "u-1", "name", "Viewed", "properties", Map.of("Page", "home"))), "dryRun", true);

        assertThat(answer.getString("data.uploadEvents.status"), equalTo("SUCCESS"));
        assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(1));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/upload?dryRun=1")))
                .withRequestBody(WireMock.equalToJson(
                        "{\"d\":[{\"type\":\"event\",\"identity\":\"u-1\",\"evtName\":\"Viewed\",\"evtData\":{\"Page\":\"home\"}}]}")));
        wire().verify(0, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)));
    }

    @Test
    void anEventWithoutPropertiesIsSentWithEmptyEvtData() {
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD))
                .willReturn(json(200, "{\"status\":\"success\",\"processed\":1,\"unprocessed\":[]}")));

        // properties is optional in the schema; the record's evtData is then an empty object
        JsonPath answer = GraphQLClient.run("uploadEvents", "events",
                List.of(Map.of("identity", "u-1", "name", "App Launched")));

        assertThat(answer.getList("data.uploadEvents.rejected.message"), empty());
        assertThat(answer.getString("data.uploadEvents.status"), equalTo("SUCCESS"));
        assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(1));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)).withRequestBody(WireMock.equalToJson(
                "{\"d\":[{\"type\":\"event\",\"identity\":\"u-1\",\"evtName\":\"App Launched\",\"evtData\":{}}]}")));
    }

    @Test
    void manyEventsGoInChunksOf1000AndASkippedRecordMapsBackToTheCallersIndex() {
        storesEveryRecord(UPLOAD, 1000, 500);
        // CleverTap numbers skipped records from 1 within the request: record 2 of the second chunk is index 1001
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD))
                .withRequestBody(WireMock.matchingJsonPath("$.d[0].identity", WireMock.equalTo("u-1000")))
                .willReturn(json(200, """
                        {"status":"partial","processed":999,"unprocessed":[
                          {"status":"fail","code":515,
                           "error":"Event data is incorrect. Email is not valid.Skipped record number : 2",
                           "record":{"type":"event","identity":"u-1001","evtName":"Viewed","evtData":{"seq":1001}}}]}""")));

        JsonPath answer = GraphQLClient.run("uploadEvents", "events", events(2500));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.uploadEvents.status"), equalTo("PARTIAL"));
        assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(2499));
        assertThat(answer.getList("data.uploadEvents.rejected"), hasSize(1));
        assertThat(answer.getInt("data.uploadEvents.rejected[0].index"), equalTo(1001));
        assertThat(answer.getInt("data.uploadEvents.rejected[0].code"), equalTo(515));
        assertThat(answer.getString("data.uploadEvents.rejected[0].message"),
                equalTo("Event data is incorrect. Email is not valid"));

        List<JsonPath> bodies = uploadBodies();
        assertThat(bodies.stream().map(b -> b.getList("d").size()).sorted().toList(), contains(500, 1000, 1000));
        assertThat(identitiesSent(bodies), equalTo(IntStream.range(0, 2500).mapToObj(i -> "u-" + i).toList()));
        for (JsonPath body : bodies) {
            // each chunk holds consecutive records, in the caller's order
            int first = Integer.parseInt(body.getString("d[0].identity").substring(2));
            assertThat(body.getList("d.identity"),
                    equalTo(IntStream.range(first, first + body.getList("d").size()).mapToObj(i -> "u-" + i).toList()));
        }
        wire().verify(3, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD))));
    }

    @Test
    void invalidEventsAreReportedAtTheirIndexWithCleverTapsCodesAndNeverSent() {
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD))
                .willReturn(json(200, "{\"status\":\"success\",\"processed\":2,\"unprocessed\":[]}")));

        JsonPath answer = GraphQLClient.run("uploadEvents", "events", List.of(
                Map.of("identity", "u-0", "name", "Viewed", "properties", PAGE),
                Map.of("name", "Viewed", "properties", PAGE),
                Map.of("identity", "u-2", "name", "", "properties", PAGE),
                Map.of("identity", "u-3", "objectId", "__g3", "name", "Viewed", "properties", PAGE),
                Map.of("identity", "u-4", "name", "Viewed", "properties", Map.of("k".repeat(121), 1)),
                Map.of("identity", "u-5", "name", "Notification Sent", "properties", PAGE),
                Map.of("identity", "u-6", "name", "Viewed", "occurredAt", "1990-01-01T00:00:00Z", "properties", PAGE),
                Map.of("objectId", "__g7", "name", "Viewed", "properties", PAGE)));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.uploadEvents.status"), equalTo("PARTIAL"));
        assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(2));
        assertThat(answer.getList("data.uploadEvents.rejected.index"), contains(1, 2, 3, 4, 5, 6));
        assertThat(answer.getList("data.uploadEvents.rejected.code"), contains(523, 509, 512, 512, 513, 525));
        assertThat(answer.getString("data.uploadEvents.rejected[0].message"), startsWith("events[1]."));
        assertThat(answer.getString("data.uploadEvents.rejected[0].message"), containsString("identity"));
        assertThat(answer.getString("data.uploadEvents.rejected[3].message"), containsString("properties"));
        assertThat(answer.getString("data.uploadEvents.rejected[5].message"), containsString("occurredAt"));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)).withRequestBody(WireMock.equalToJson("""
                {"d":[{"type":"event","identity":"u-0","evtName":"Viewed","evtData":{"Page":"home"}},
                      {"type":"event","objectId":"__g7","evtName":"Viewed","evtData":{"Page":"home"}}]}""")));
        assertThat(wire().getAllServeEvents(), hasSize(1));
    }

    @Test
    void onlyInvalidEventsMeanNoCallAtAll() {
        JsonPath answer = GraphQLClient.run("uploadEvents", "events", List.of(Map.of("name", "Viewed", "properties", PAGE),
                Map.of("identity", "u-1", "name", "App Uninstalled", "properties", PAGE)));

        assertThat(answer.getString("data.uploadEvents.status"), equalTo("FAILED"));
        assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(0));
        assertThat(answer.getList("data.uploadEvents.rejected.code"), contains(523, 513));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void aChunkRefusedWith429IsSentAgainAndNothingIsLost() {
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "{\"status\":\"fail\",\"error\":\"Too many concurrent requests\",\"code\":429}"))
                .willSetStateTo("free"));
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(json(200, "{\"status\":\"success\",\"processed\":3,\"unprocessed\":[]}")));

        JsonPath answer = GraphQLClient.run("uploadEvents", "events", events(3));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.uploadEvents.status"), equalTo("SUCCESS"));
        assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(3));
        assertThat(answer.getList("data.uploadEvents.rejected"), empty());
        String sent = """
                {"d":[{"type":"event","identity":"u-0","evtName":"Viewed","evtData":{"seq":0}},
                      {"type":"event","identity":"u-1","evtName":"Viewed","evtData":{"seq":1}},
                      {"type":"event","identity":"u-2","evtName":"Viewed","evtData":{"seq":2}}]}""";
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)).withRequestBody(WireMock.equalToJson(sent)));
        assertThat(wire().getAllServeEvents(), hasSize(2));
    }

    @Test
    void aLostAnswerToAnEventChunkIsNotResentAndItsRecordsAreReportedUnconfirmed() {
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD)).willReturn(json(200, ALL_STORED)));
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD))
                .withRequestBody(WireMock.matchingJsonPath("$.d[0].identity", WireMock.equalTo("u-1000")))
                .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JsonPath answer = GraphQLClient.run("uploadEvents", "events", events(1500));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.uploadEvents.status"), equalTo("PARTIAL"));
        assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(1000));
        assertThat(answer.getList("data.uploadEvents.rejected.index"),
                equalTo(IntStream.range(1000, 1500).boxed().toList()));
        assertThat(answer.getList("data.uploadEvents.rejected.code"), everyItem(nullValue()));
        assertThat(answer.getList("data.uploadEvents.rejected.message", String.class), everyItem(startsWith("not confirmed")));
        // events are not idempotent: sending the chunk again could store them twice
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD))
                .withRequestBody(WireMock.matchingJsonPath("$.d[0].identity", WireMock.equalTo("u-1000"))));
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)));
    }

    @Test
    void answersThatDoNotConfirmStorageMakeEveryRecordUnconfirmedAndAreNeverResent() {
        Map<String, ResponseDefinitionBuilder> answers = new LinkedHashMap<>();
        answers.put("500 with a body", json(500, "{\"status\":\"fail\",\"error\":\"Internal error\",\"code\":500}"));
        answers.put("500 without a body", WireMock.aResponse().withStatus(500));
        answers.put("200 without a body", WireMock.aResponse().withStatus(200));
        answers.put("200 that is not JSON", WireMock.aResponse().withStatus(200).withBody("<html>ok</html>"));
        answers.put("200 fail without unprocessed", json(200, "{\"status\":\"fail\",\"processed\":0,\"unprocessed\":[]}"));
        answers.put("200 fail with no unprocessed at all", json(200, "{\"status\":\"fail\",\"error\":\"oops\"}"));
        answers.put("200 success without processed", json(200, "{\"status\":\"success\",\"unprocessed\":[]}"));
        answers.put("200 whose counts do not add up", json(200, "{\"status\":\"success\",\"processed\":1,\"unprocessed\":[]}"));
        answers.put("lost connection", WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        for (Map.Entry<String, ResponseDefinitionBuilder> answer : answers.entrySet()) {
            wire().resetAll();
            stub(WireMock.post(WireMock.urlEqualTo(UPLOAD)).willReturn(answer.getValue()));

            JsonPath result = GraphQLClient.run("uploadEvents", "events", events(3));

            String what = answer.getKey();
            assertThat(what, result.getList("errors"), nullValue());
            assertThat(what, result.getInt("data.uploadEvents.accepted"), equalTo(0));
            assertThat(what, result.getInt("data.uploadEvents.unconfirmed"), equalTo(3));
            assertThat(what, result.getList("data.uploadEvents.rejected.index"), contains(0, 1, 2));
            assertThat(what, result.getList("data.uploadEvents.rejected.code"), everyItem(nullValue()));
            assertThat(what, result.getList("data.uploadEvents.rejected.message", String.class),
                    everyItem(containsString("re-sending it may duplicate it")));
            assertThat(what, result.getList("data.uploadEvents.rejected.message", String.class),
                    everyItem(not(containsString("not stored"))));
            wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)));
        }
    }

    @Test
    void recordsCleverTapDidNotNameAreUnconfirmedWhenItsCountsDoNotAddUp() {
        // one record named as failed, but processed says 0 of the other 2 were stored
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD)).willReturn(json(200, """
                {"status":"partial","processed":0,"unprocessed":[
                  {"status":"fail","code":515,"error":"Email is not valid.Skipped record number : 2","record":{}}]}""")));

        JsonPath result = GraphQLClient.run("uploadEvents", "events", events(3));

        assertThat(result.getInt("data.uploadEvents.accepted"), equalTo(0));
        assertThat(result.getInt("data.uploadEvents.unconfirmed"), equalTo(2));
        assertThat(result.getList("data.uploadEvents.rejected.index"), contains(0, 1, 2));
        assertThat(result.getList("data.uploadEvents.rejected.code"), contains(null, 515, null));
    }

    @Test
    void aCleanRefusalIsNotStoredWithItsCodeAndCleverTapsTextIsNotLogged() {
        String marker = "echoed-record-text-7f3a";
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD)).willReturn(
                json(400, "{\"status\":\"fail\",\"error\":\"Bad data " + marker + "\",\"code\":400}")));
        List<ExtLogRecord> records;
        JsonPath result;
        try (LogCapture logs = LogCapture.start()) {
            result = GraphQLClient.run("uploadEvents", "events", events(3));
            stub(WireMock.post(WireMock.urlEqualTo(UPLOAD)).willReturn(
                    json(200, "{\"status\":\"fail\",\"error\":\"" + marker + "\",\"unprocessed\":[]}")));
            GraphQLClient.run("uploadEvents", "events", events(3));
            records = logs.records();
        }

        assertThat(result.getInt("data.uploadEvents.unconfirmed"), equalTo(0));
        assertThat(result.getList("data.uploadEvents.rejected.code"), everyItem(equalTo(400)));
        assertThat(result.getList("data.uploadEvents.rejected.message", String.class), everyItem(startsWith("not stored")));
        assertThat(records.isEmpty(), equalTo(false));
        for (ExtLogRecord record : records) {
            assertThat(record.getFormattedMessage(), not(containsString(marker)));
        }
    }

    @Test
    void aMutationLargerThanTheQueueIsReadAsFastAsCleverTapAnswersAndNothingOfItIsRefused() {
        // 50 chunks, CleverTap slow: the list is read while chunks are answered, never more waiting than the queue holds
        wire().stubFor(WireMock.post(WireMock.urlEqualTo(UPLOAD)).willReturn(json(200, ALL_STORED).withFixedDelay(300)));

        JsonPath result = GraphQLClient.run("uploadEvents", "events", events(50_000));

        assertThat(result.getList("errors"), nullValue());
        assertThat(result.getString("data.uploadEvents.status"), equalTo("SUCCESS"));
        assertThat(result.getInt("data.uploadEvents.accepted"), equalTo(50_000));
        assertThat(result.getList("data.uploadEvents.rejected"), empty());
        wire().verify(50, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)));
        assertThat(identitiesSent(uploadBodies()), equalTo(IntStream.range(0, 50_000).mapToObj(i -> "u-" + i).toList()));
    }

    @Test
    void chunksBeyondTheBoundedQueueAreRefusedBeforeAnythingIsSent() {
        // three mutations of 20 chunks at once: 15 in flight (CleverTap answers slowly), 20 may wait, the rest are refused
        wire().stubFor(WireMock.post(WireMock.urlEqualTo(UPLOAD)).willReturn(json(200, ALL_STORED).withFixedDelay(300)));
        List<Map<String, Object>> events = events(20_000);

        List<JsonPath> results = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> GraphQLClient.run("uploadEvents", "events", events)))
                .toList().stream().map(CompletableFuture::join).toList();

        int accepted = 0;
        List<Integer> codes = new ArrayList<>();
        for (JsonPath result : results) {
            assertThat(result.getList("errors"), nullValue());
            assertThat(result.getInt("data.uploadEvents.unconfirmed"), equalTo(0));
            accepted += result.getInt("data.uploadEvents.accepted");
            codes.addAll(result.getList("data.uploadEvents.rejected.code"));
            if (result.getInt("data.uploadEvents.accepted") < 20_000) {
                assertThat(result.getString("data.uploadEvents.rejected[0].message"), containsString("was not sent"));
            }
        }
        assertThat(accepted + codes.size(), equalTo(60_000));
        assertThat(codes, not(empty()));
        assertThat(codes, everyItem(equalTo(429)));
        // what was accepted was sent once, what was refused was never sent
        wire().verify(accepted / 1000, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)));
    }

    @Test
    void aListIsSentWhileItIsReadAndRecordsThatFailAfterChunksWentAreRejectedAtTheirIndex() {
        storesEveryRecord(UPLOAD, 1000, 497);
        List<Object> events = new ArrayList<>(events(2501));
        events.set(5, Map.of("name", "Viewed"));
        events.set(1500, Map.of("identity", "u-1500", "name", Map.of("nested", List.of(1, Map.of("deep", true)))));
        events.set(1800, "not a record");
        events.set(2499, Map.of("identity", "u-2499", "name", ""));

        JsonPath answer = GraphQLClient.run("uploadEvents", "events", events);

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.uploadEvents.status"), equalTo("PARTIAL"));
        assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(2497));
        assertThat(answer.getInt("data.uploadEvents.unconfirmed"), equalTo(0));
        assertThat(answer.getList("data.uploadEvents.rejected.index"), contains(5, 1500, 1800, 2499));
        assertThat(answer.getList("data.uploadEvents.rejected.code"), contains(523, 400, 400, 509));
        assertThat(answer.getString("data.uploadEvents.rejected[1].message"), equalTo("events[1500].name: must be a string"));
        assertThat(answer.getString("data.uploadEvents.rejected[2].message"),
                equalTo("events[1800]: must be a EventInput object"));
        List<JsonPath> bodies = uploadBodies();
        assertThat(bodies.stream().map(b -> b.getList("d").size()).sorted().toList(), contains(497, 1000, 1000));
        assertThat(identitiesSent(bodies), equalTo(IntStream.range(0, 2501).filter(i -> i != 5 && i != 1500 && i != 1800
                && i != 2499).mapToObj(i -> "u-" + i).toList()));
    }

    @Test
    void aRecordThatDoesNotFitFoundBeforeAnyChunkWasSentFailsTheWholeListAndNothingIsSent() {
        storesEveryRecord(UPLOAD);
        List<Object> events = new ArrayList<>(events(2500));
        events.set(10, Map.of("identity", "u-10", "name", "Viewed", "colour", "red"));

        JsonPath answer = GraphQLClient.run("uploadEvents", "events", events);

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), equalTo("events[10].colour: is not a field of EventInput"));
        assertThat(answer.getString("data.uploadEvents"), nullValue());
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void a401OnEveryChunkIsUpstreamAuthFailed() {
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD))
                .willReturn(json(401, "{\"status\":\"fail\",\"error\":\"Account ID is not valid\",\"code\":401}")));

        String raw = GraphQLClient.post("uploadEvents", "events", events(1500)).then().statusCode(200).extract().asString();
        JsonPath answer = JsonPath.from(raw);

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_AUTH_FAILED"));
        assertThat(answer.getString("data.uploadEvents"), nullValue());
        assertThat(raw, not(containsString(WireMockCleverTap.PASSCODE)));
        // records are read on a worker while the event loop reads answers: the first chunk's 401 may come back before
        // the second chunk is read (then it is never sent) or after it went; never more calls than chunks
        wire().verify(WireMock.lessThanOrExactly(2), WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)));
        wire().verify(WireMock.moreThanOrExactly(1), WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)));
    }

    @Test
    void moreEventsThanTheConfiguredMaximumAreRefusedBeforeAnyCall() {
        List<Map<String, Object>> events = new ArrayList<>(50_001);
        // about 1.4 MB of variables; the count is checked before any record is validated
        Map<String, Object> tiny = Map.of("identity", "u", "name", "e");
        for (int i = 0; i < 50_001; i++) {
            events.add(tiny);
        }

        JsonPath answer = GraphQLClient.run("uploadEvents", "events", events);

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("50000"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void aLargeBodyWithItsVariablesBeforeItsQueryIsReadAsItArrivesAndUploadedInOrder() {
        storesEveryRecord(UPLOAD);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("variables", Map.of("events", events(2500)));
        body.put("query", GraphQLClient.document("uploadEvents"));

        JsonPath answer = given().contentType(ContentType.JSON).body(body).post("/graphql").then().statusCode(200)
                .extract().jsonPath();

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.uploadEvents.status"), equalTo("SUCCESS"));
        assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(2500));
        List<JsonPath> bodies = uploadBodies();
        assertThat(bodies.stream().map(b -> b.getList("d").size()).sorted().toList(), contains(500, 1000, 1000));
        assertThat(identitiesSent(bodies), equalTo(IntStream.range(0, 2500).mapToObj(i -> "u-" + i).toList()));
    }

    @Test
    void nothingGoesToCleverTapBeforeTheBodysLastByteThoughItsRecordsArrivedLongBefore() throws Exception {
        storesEveryRecord(UPLOAD);
        byte[] body = new ObjectMapper().writeValueAsBytes(Map.of("query", GraphQLClient.document("uploadEvents"),
                "variables", Map.of("events", events(2500))));
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length - 1);
            out.flush();
            // every record is in; the count of the list (and so whether it may go at all) is not known before the end
            Thread.sleep(500);
            assertThat(wire().getAllServeEvents(), hasSize(0));
            out.write(body, body.length - 1, 1);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response, startsWith("HTTP/1.1 200"));
            JsonPath answer = JsonPath.from(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(2500));
        }
        wire().verify(3, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)));
    }

    @Test
    void aLargeBodyBrokenAtItsVeryEndIsRefusedWholeAndNothingIsSent() throws Exception {
        String body = new ObjectMapper().writeValueAsString(Map.of("query", GraphQLClient.document("uploadEvents"),
                "variables", Map.of("events", events(2500))));

        String broken = body.substring(0, body.length() - 1) + "]";

        String answer = given().contentType(ContentType.JSON).body(broken).post("/graphql").then().statusCode(400)
                .extract().asString();

        assertThat(JsonPath.from(answer).getString("errors[0].message"), equalTo("The request body is not valid JSON"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void aLargeBodySentAfterAnExpect100ContinueIsRead() throws Exception {
        storesEveryRecord(UPLOAD);
        byte[] body = new ObjectMapper().writeValueAsBytes(Map.of("query", GraphQLClient.document("uploadEvents"),
                "variables", Map.of("events", events(1500))));

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/graphql")).expectContinue(true)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode(), equalTo(200));
        assertThat(JsonPath.from(response.body()).getInt("data.uploadEvents.accepted"), equalTo(1500));
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)));
    }

    /** {@code n} valid events with identities u-0 ... u-(n-1). */
    static List<Map<String, Object>> events(int n) {
        List<Map<String, Object>> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> event = new HashMap<>();
            event.put("identity", "u-" + i);
            event.put("name", "Viewed");
            event.put("properties", Map.of("seq", i));
            events.add(event);
        }
        return events;
    }

    /** The bodies of every upload request received, in arrival order. */
    static List<JsonPath> uploadBodies() {
        return wire().findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo("/1/upload"))).stream()
                .map(request -> JsonPath.from(request.getBodyAsString())).toList();
    }

    /** Every identity sent, over all requests, in numeric order. */
    private static List<String> identitiesSent(List<JsonPath> bodies) {
        List<String> all = new ArrayList<>();
        bodies.forEach(body -> all.addAll(body.getList("d.identity", String.class)));
        all.sort((a, b) -> Integer.compare(Integer.parseInt(a.substring(2)), Integer.parseInt(b.substring(2))));
        return all;
    }
}
