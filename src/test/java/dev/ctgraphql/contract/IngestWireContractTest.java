package dev.ctgraphql.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** What the NDJSON ingest endpoints send to CleverTap: paths, auth headers, chunk bodies; and how answers come back. */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class IngestWireContractTest extends WireContractTestBase {

    static final String UPLOAD = "/1/upload?dryRun=0";
    static final String NDJSON = "application/x-ndjson; charset=utf-8";

    @Test
    void eventsGoAsCleverTapRecordsInChunksOf1000WithBothAuthHeaders() {
        storesEveryRecord(UPLOAD);
        StringBuilder body = new StringBuilder("{\"identity\":\"jack@example.com\",\"name\":\"Charged\","
                + "\"occurredAt\":\"2024-03-05T15:30:00+05:30\",\"properties\":{\"Amount\":300,\"Items\":[{\"Quantity\":1}]}}\n");
        for (int i = 1; i < 2500; i++) {
            body.append("{\"objectId\":\"obj-").append(i).append("\",\"name\":\"Viewed\",\"properties\":{\"seq\":")
                    .append(i).append("}}\n");
        }

        String answer = post("/ingest/events", body.toString());

        assertThat(answer.strip(),
                equalTo("{\"summary\":{\"received\":2500,\"accepted\":2500,\"rejected\":0,\"unconfirmed\":0}}"));
        wire().verify(3, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)))
                .withHeader("Content-Type", WireMock.containing("application/json")));
        List<JsonPath> bodies = UploadWireContractTest.uploadBodies();
        assertThat(bodies.stream().map(b -> b.getList("d").size()).sorted().toList(), contains(500, 1000, 1000));
        // 15:30 at +05:30 is 10:00 UTC: 1709632800; no ts when occurredAt is left out
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)).withRequestBody(WireMock.matchingJsonPath(
                "$.d[0]", WireMock.equalToJson("""
                        {"type":"event","identity":"jack@example.com","ts":1709632800,"evtName":"Charged",
                         "evtData":{"Amount":300,"Items":[{"Quantity":1}]}}"""))));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)).withRequestBody(WireMock.matchingJsonPath(
                "$.d[0]", WireMock.equalToJson("{\"type\":\"event\",\"objectId\":\"obj-1000\",\"evtName\":\"Viewed\","
                        + "\"evtData\":{\"seq\":1000}}"))));
        List<String> sent = new ArrayList<>();
        bodies.forEach(b -> sent.addAll(b.getList("d.objectId", String.class)));
        assertThat(sent.stream().filter(id -> id != null).sorted().toList(),
                equalTo(IntStream.range(1, 2500).mapToObj(i -> "obj-" + i).sorted().toList()));
    }

    @Test
    void aBodyOfMoreChunksThanMayWaitSendsEachLineOnceInOrderAsCleverTapAnswers() {
        // 40 chunks, CleverTap slow: reading stops after each chunk (its request is written first) and while 30 chunks
        // wait or fly, and resumes as answers come; no line is lost, sent twice or sent out of order
        wire().stubFor(WireMock.post(WireMock.urlEqualTo(UPLOAD))
                .willReturn(json(200, UploadWireContractTest.ALL_STORED).withFixedDelay(100)));

        String answer = post("/ingest/events", events(40_000));

        assertThat(answer.strip(),
                equalTo("{\"summary\":{\"received\":40000,\"accepted\":40000,\"rejected\":0,\"unconfirmed\":0}}"));
        wire().verify(40, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)));
        List<JsonPath> bodies = UploadWireContractTest.uploadBodies();
        assertThat(bodies.stream().map(b -> b.getList("d").size()).distinct().toList(), contains(1000));
        List<String> sent = new ArrayList<>();
        bodies.stream().sorted((a, b) -> Integer.compare(a.getInt("d[0].evtData.seq"), b.getInt("d[0].evtData.seq")))
                .forEach(b -> sent.addAll(b.getList("d.identity", String.class)));
        assertThat(sent, equalTo(IntStream.range(0, 40_000).mapToObj(i -> "u-" + i).toList()));
    }

    @Test
    void aLostAnswerLeavesItsChunkUnconfirmedAndASkippedRecordIsRejectedAtItsIndex() {
        storesEveryRecord(UPLOAD);
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD))
                .withRequestBody(WireMock.matchingJsonPath("$.d[0].identity", WireMock.equalTo("u-1000")))
                .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD))
                .withRequestBody(WireMock.matchingJsonPath("$.d[0].identity", WireMock.equalTo("u-0")))
                .willReturn(json(200, """
                        {"status":"partial","processed":999,"unprocessed":[
                          {"status":"fail","code":512,"error":"Invalid event structure.Skipped record number : 3"}]}""")));

        String answer = post("/ingest/events", events(1500));

        List<JsonPath> lines = answer.lines().map(JsonPath::from).toList();
        JsonPath summary = lines.get(lines.size() - 1);
        assertThat(summary.getInt("summary.received"), equalTo(1500));
        assertThat(summary.getInt("summary.accepted"), equalTo(999));
        assertThat(summary.getInt("summary.rejected"), equalTo(1));
        assertThat(summary.getInt("summary.unconfirmed"), equalTo(500));
        List<JsonPath> rejected = lines.stream().filter(line -> line.get("summary") == null).toList();
        assertThat(rejected, hasSize(501));
        JsonPath skipped = rejected.stream().filter(line -> line.getInt("index") == 2).findFirst().orElseThrow();
        assertThat(skipped.getInt("code"), equalTo(512));
        assertThat(skipped.getString("message"), equalTo("Invalid event structure"));
        List<JsonPath> unconfirmed = rejected.stream().filter(line -> line.getInt("index") >= 1000).toList();
        assertThat(unconfirmed, hasSize(500));
        assertThat(unconfirmed.stream().map(line -> line.get("code")).toList(), everyItem(equalTo(null)));
        assertThat(unconfirmed.stream().map(line -> line.getString("message")).toList(),
                everyItem(startsWith("not confirmed")));
        // events are not resent when the answer was lost: they might be stored twice
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)));
    }

    @Test
    void everyRecordCleverTapSkippedIsAnsweredBeforeTheSummaryWhenChunksAreAnsweredTogether() {
        // ten chunks answered at about the same time, each skipping its first record
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD)).willReturn(json(200, """
                {"status":"partial","processed":999,"unprocessed":[
                  {"status":"fail","code":512,"error":"Invalid event structure.Skipped record number : 1"}]}""")
                .withFixedDelay(200)));

        String answer = post("/ingest/events", events(10_000));

        List<JsonPath> lines = answer.lines().map(JsonPath::from).toList();
        assertThat(lines, hasSize(11));
        assertThat(lines.get(10).getMap("summary"),
                equalTo(Map.of("received", 10_000, "accepted", 9990, "rejected", 10, "unconfirmed", 0)));
        assertThat(lines.subList(0, 10).stream().map(line -> line.getInt("index")).sorted().toList(),
                equalTo(IntStream.range(0, 10).mapToObj(i -> i * 1000).toList()));
        assertThat(lines.subList(0, 10).stream().map(line -> line.getInt("code")).toList(), everyItem(equalTo(512)));
        wire().verify(10, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)));
    }

    @Test
    void deviceTokensGoInChunksOf100AndProfilesCarryTheirReservedKeys() {
        storesEveryRecord(UPLOAD);
        StringBuilder tokens = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            tokens.append("{\"objectId\":\"dev-").append(i).append("\",\"token\":\"tok-").append(i)
                    .append("\",\"type\":\"APNS\"}\n");
        }

        post("/ingest/device-tokens", tokens.toString());

        List<JsonPath> bodies = UploadWireContractTest.uploadBodies();
        assertThat(bodies.stream().map(b -> b.getList("d").size()).sorted().toList(), contains(50, 100, 100));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD))).withRequestBody(
                WireMock.matchingJsonPath("$.d[0]", WireMock.equalToJson(
                        "{\"type\":\"token\",\"objectId\":\"dev-0\",\"tokenData\":{\"id\":\"tok-0\",\"type\":\"apns\"}}"))));

        wire().resetRequests();
        post("/ingest/profiles", "{\"identity\":\"p-1\",\"name\":\"Jack\",\"phone\":\"+14155551234\",\"gender\":\"MALE\","
                + "\"smsOptIn\":false,\"properties\":{\"Plan\":\"gold\",\"Name\":\"ignored\"}}\n");

        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD))).withRequestBody(
                WireMock.equalToJson("""
                        {"d":[{"type":"profile","identity":"p-1","profileData":{"Plan":"gold","Name":"Jack",
                          "Phone":"+14155551234","Gender":"M","MSG-sms":false}}]}""")));
    }

    private static String post(String path, String body) {
        return given().contentType(NDJSON).body(body.getBytes(StandardCharsets.UTF_8)).post(path).then().statusCode(200)
                .extract().asString();
    }

    private static String events(int n) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < n; i++) {
            body.append("{\"identity\":\"u-").append(i).append("\",\"name\":\"Viewed\",\"properties\":{\"seq\":").append(i)
                    .append("}}\n");
        }
        return body.toString();
    }
}
