package dev.ctgraphql.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Profile uploads, device-token uploads and profile deletion on the wire, and the cached reads they invalidate. */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class ProfileWriteWireContractTest extends WireContractTestBase {

    static final String UPLOAD = "/1/upload?dryRun=0";
    static final String DELETE = "/1/delete/profiles.json";
    static final String STORED = "{\"status\":\"success\",\"processed\":1,\"unprocessed\":[]}";
    static final String PROFILE = """
            {"status":"success","record":{"identity":"u-1","email":"u1@example.com","name":"Una","objectId":"__g1",
              "profileData":{"Plan":"Gold"}}}""";
    static final Map<String, Object> PLAN = Map.of("Plan", "Gold");

    @Test
    void profilesAreSentWithCleverTapsReservedKeys() {
        storesEveryRecord(UPLOAD, 2);
        Map<String, Object> jack = new HashMap<>();
        jack.put("identity", "61026032");
        jack.put("name", "Jack Montana");
        jack.put("email", "jack@example.com");
        jack.put("phone", "+14155551234");
        jack.put("gender", "MALE");
        jack.put("dateOfBirth", "1990-05-15");
        jack.put("emailOptIn", false);
        jack.put("pushOptIn", true);
        jack.put("smsOptIn", false);
        jack.put("whatsappOptIn", true);
        jack.put("properties", Map.of("Customer Type", "Platinum", "Score", 7));

        JsonPath answer = GraphQLClient.run("uploadProfiles", "profiles", List.of(jack,
                Map.of("objectId", "__g2", "gender", "FEMALE", "properties", Map.of())));

        assertThat(answer.getString("data.uploadProfiles.status"), equalTo("SUCCESS"));
        assertThat(answer.getInt("data.uploadProfiles.accepted"), equalTo(2));
        assertThat(answer.getList("data.uploadProfiles.rejected"), empty());
        // DOB is midnight of 1990-05-15 in the project's zone (Asia/Kolkata): 1990-05-14T18:30:00Z = 642709800
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(WireMock.equalToJson("""
                        {"d":[
                          {"type":"profile","identity":"61026032","profileData":{
                            "Name":"Jack Montana","Email":"jack@example.com","Phone":"+14155551234","Gender":"M",
                            "DOB":"$D_642709800","MSG-email":false,"MSG-push":true,"MSG-sms":false,"MSG-whatsapp":true,
                            "Customer Type":"Platinum","Score":7}},
                          {"type":"profile","objectId":"__g2","profileData":{"Gender":"F"}}]}""")));
        assertThat(wire().getAllServeEvents(), hasSize(1));
    }

    @Test
    void aProfileWithoutCustomPropertiesIsSent() {
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD)).willReturn(json(200, STORED)));

        // properties is optional in the schema: leaving it out must not make the profile invalid
        JsonPath answer = GraphQLClient.run("uploadProfiles", "profiles",
                List.of(Map.of("identity", "u-1", "name", "Una")));

        assertThat(answer.getList("data.uploadProfiles.rejected.message"), empty());
        assertThat(answer.getString("data.uploadProfiles.status"), equalTo("SUCCESS"));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)).withRequestBody(WireMock.equalToJson(
                "{\"d\":[{\"type\":\"profile\",\"identity\":\"u-1\",\"profileData\":{\"Name\":\"Una\"}}]}")));
    }

    @Test
    void anInvalidEmailOrPhoneIsRefusedAtItsIndexAndNeverSent() {
        storesEveryRecord(UPLOAD, 2);

        JsonPath answer = GraphQLClient.run("uploadProfiles", "profiles", List.of(
                Map.of("identity", "u-0", "email", "u0@example.com", "properties", PLAN),
                Map.of("identity", "u-1", "email", "not-an-email", "properties", PLAN),
                Map.of("identity", "u-2", "phone", "4155551234", "properties", PLAN),
                Map.of("identity", "u-3", "phone", "+14155551234", "properties", PLAN)));

        assertThat(answer.getString("data.uploadProfiles.status"), equalTo("PARTIAL"));
        assertThat(answer.getInt("data.uploadProfiles.accepted"), equalTo(2));
        assertThat(answer.getList("data.uploadProfiles.rejected.index"), contains(1, 2));
        assertThat(answer.getList("data.uploadProfiles.rejected.code"), contains(515, 516));
        assertThat(answer.getString("data.uploadProfiles.rejected[0].message"), startsWith("profiles[1].email"));
        assertThat(answer.getString("data.uploadProfiles.rejected[1].message"), startsWith("profiles[2].phone"));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)).withRequestBody(WireMock.equalToJson("""
                {"d":[{"type":"profile","identity":"u-0","profileData":{"Email":"u0@example.com","Plan":"Gold"}},
                      {"type":"profile","identity":"u-3","profileData":{"Phone":"+14155551234","Plan":"Gold"}}]}""")));
        assertThat(wire().getAllServeEvents(), hasSize(1));
    }

    @Test
    void aProfileChunkWhoseAnswerWasLostIsSentAgainBecauseProfilesAreIdempotent() {
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("back"));
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD)).inScenario("flaky").whenScenarioStateIs("back")
                .willReturn(json(200, "{\"status\":\"success\",\"processed\":2,\"unprocessed\":[]}")));

        JsonPath answer = GraphQLClient.run("uploadProfiles", "profiles", List.of(
                Map.of("identity", "u-1", "name", "Una", "properties", PLAN),
                Map.of("identity", "u-2", "name", "Duo", "properties", PLAN)));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.uploadProfiles.status"), equalTo("SUCCESS"));
        assertThat(answer.getInt("data.uploadProfiles.accepted"), equalTo(2));
        assertThat(answer.getList("data.uploadProfiles.rejected"), empty());
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)).withRequestBody(WireMock.equalToJson("""
                {"d":[{"type":"profile","identity":"u-1","profileData":{"Name":"Una","Plan":"Gold"}},
                      {"type":"profile","identity":"u-2","profileData":{"Name":"Duo","Plan":"Gold"}}]}""")));
    }

    @Test
    void anUploadDropsTheCachedReadOfThatProfileButADryRunDoesNot() {
        stub(WireMock.get(WireMock.urlPathEqualTo("/1/profile.json")).willReturn(json(200, PROFILE)));
        stub(WireMock.post(WireMock.urlPathEqualTo("/1/upload")).willReturn(json(200, STORED)));
        List<Map<String, Object>> una = List.of(Map.of("identity", "u-1", "name", "Una Changed", "properties", PLAN));

        GraphQLClient.run("profile", "identity", "u-1");
        GraphQLClient.run("profile", "identity", "u-1");
        wire().verify(1, WireMock.getRequestedFor(WireMock.urlEqualTo("/1/profile.json?identity=u-1")));

        GraphQLClient.run("uploadProfiles", "profiles", una, "dryRun", true);
        GraphQLClient.run("profile", "identity", "u-1");
        wire().verify(1, WireMock.getRequestedFor(WireMock.urlEqualTo("/1/profile.json?identity=u-1")));

        JsonPath upload = GraphQLClient.run("uploadProfiles", "profiles", una);
        assertThat(upload.getString("data.uploadProfiles.status"), equalTo("SUCCESS"));
        JsonPath again = GraphQLClient.run("profile", "identity", "u-1");

        assertThat(again.getString("data.profile.name"), equalTo("Una"));
        wire().verify(2, WireMock.getRequestedFor(WireMock.urlEqualTo("/1/profile.json?identity=u-1")));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/upload?dryRun=1")));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)));
    }

    @Test
    void deviceTokensAreSentAsTokenRecords() {
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD))
                .willReturn(json(200, "{\"status\":\"success\",\"processed\":3,\"unprocessed\":[]}")));

        JsonPath answer = GraphQLClient.run("uploadDeviceTokens", "tokens", List.of(
                Map.of("objectId", "__gc4grg4053N1eYkW6OBH71jhFev7b1iP", "token", "dYfuuBmHLGI:APA91b", "type", "FCM"),
                Map.of("objectId", "__g2", "token", "a1b2c3d4", "type", "APNS"),
                Map.of("objectId", "__g3", "token", "legacy-token", "type", "GCM")));

        assertThat(answer.getString("data.uploadDeviceTokens.status"), equalTo("SUCCESS"));
        assertThat(answer.getInt("data.uploadDeviceTokens.accepted"), equalTo(3));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)))
                .withRequestBody(WireMock.equalToJson("""
                        {"d":[
                          {"type":"token","objectId":"__gc4grg4053N1eYkW6OBH71jhFev7b1iP",
                           "tokenData":{"id":"dYfuuBmHLGI:APA91b","type":"fcm"}},
                          {"type":"token","objectId":"__g2","tokenData":{"id":"a1b2c3d4","type":"apns"}},
                          {"type":"token","objectId":"__g3","tokenData":{"id":"legacy-token","type":"gcm"}}]}""")));
    }

    @Test
    void manyDeviceTokensGoInChunksOf100() {
        storesEveryRecord(UPLOAD, 100, 50);
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            tokens.add(Map.of("objectId", "__g" + i, "token", "tok-" + i, "type", "FCM"));
        }

        JsonPath answer = GraphQLClient.run("uploadDeviceTokens", "tokens", tokens);

        assertThat(answer.getString("data.uploadDeviceTokens.status"), equalTo("SUCCESS"));
        assertThat(answer.getInt("data.uploadDeviceTokens.accepted"), equalTo(250));
        List<JsonPath> bodies = wire().findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD))).stream()
                .map(request -> JsonPath.from(request.getBodyAsString())).toList();
        assertThat(bodies.stream().map(b -> b.getList("d").size()).sorted().toList(), contains(50, 100, 100));
        List<String> sent = new ArrayList<>();
        bodies.forEach(b -> sent.addAll(b.getList("d.objectId", String.class)));
        sent.sort((a, b) -> Integer.compare(Integer.parseInt(a.substring(3)), Integer.parseInt(b.substring(3))));
        assertThat(sent, equalTo(IntStream.range(0, 250).mapToObj(i -> "__g" + i).toList()));
    }

    @Test
    void aTokenCleverTapRejectsIsReportedAtItsIndexAndABlankOneIsNeverSent() {
        stub(WireMock.post(WireMock.urlEqualTo(UPLOAD)).willReturn(json(200, """
                {"status":"partial","processed":1,"unprocessed":[
                  {"status":"fail","code":534,"error":"Token type not valid for this device.Skipped record number : 2",
                   "record":{"type":"token","objectId":"__g2","tokenData":{"id":"t-2","type":"apns"}}}]}""")));

        JsonPath answer = GraphQLClient.run("uploadDeviceTokens", "tokens", List.of(
                Map.of("objectId", "__g0", "token", " ", "type", "FCM"),
                Map.of("objectId", "__g1", "token", "t-1", "type", "FCM"),
                Map.of("objectId", "__g2", "token", "t-2", "type", "APNS")));

        assertThat(answer.getString("data.uploadDeviceTokens.status"), equalTo("PARTIAL"));
        assertThat(answer.getInt("data.uploadDeviceTokens.accepted"), equalTo(1));
        assertThat(answer.getList("data.uploadDeviceTokens.rejected.index"), contains(0, 2));
        assertThat(answer.getList("data.uploadDeviceTokens.rejected.code"), contains(532, 534));
        assertThat(answer.getString("data.uploadDeviceTokens.rejected[1].message"),
                equalTo("Token type not valid for this device"));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(UPLOAD)).withRequestBody(WireMock.equalToJson("""
                {"d":[{"type":"token","objectId":"__g1","tokenData":{"id":"t-1","type":"fcm"}},
                      {"type":"token","objectId":"__g2","tokenData":{"id":"t-2","type":"apns"}}]}""")));
    }

    @Test
    void identitiesAndObjectIdsAreDeletedInSeparateCalls() {
        stub(WireMock.post(DELETE).willReturn(json(200, "{\"status\":\"success\"}")));

        JsonPath answer = GraphQLClient.run("deleteProfiles", "identities", List.of("u-1", "u-2", "u-1"),
                "objectIds", List.of("__g9e75e20dcf3d41ee"));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getBoolean("data.deleteProfiles.ok"), equalTo(true));
        assertThat(answer.getString("data.deleteProfiles.message"), equalTo("Deleted 3 profile(s)"));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(DELETE)))
                .withRequestBody(WireMock.equalToJson("{\"identity\":[\"u-1\",\"u-2\"]}")));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(DELETE)))
                .withRequestBody(WireMock.equalToJson("{\"guid\":[\"__g9e75e20dcf3d41ee\"]}")));
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo(DELETE)));
    }

    @Test
    void moreThan100IdentitiesGoInCallsOfAtMost100() {
        stub(WireMock.post(DELETE).willReturn(json(200, "{\"status\":\"success\"}")));
        List<String> identities = IntStream.range(0, 150).mapToObj(i -> "u-" + i).toList();

        JsonPath answer = GraphQLClient.run("deleteProfiles", "identities", identities);

        assertThat(answer.getBoolean("data.deleteProfiles.ok"), equalTo(true));
        assertThat(answer.getString("data.deleteProfiles.message"), equalTo("Deleted 150 profile(s)"));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(DELETE))
                .withRequestBody(WireMock.equalToJson(identityBody(identities.subList(0, 100)))));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(DELETE))
                .withRequestBody(WireMock.equalToJson(identityBody(identities.subList(100, 150)))));
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo(DELETE)));
    }

    @Test
    void aRefusedDeleteCallMakesTheResultNotOk() {
        stub(WireMock.post(DELETE).willReturn(json(200, "{\"status\":\"success\"}")));
        stub(WireMock.post(DELETE).withRequestBody(WireMock.matchingJsonPath("$.identity[0]", WireMock.equalTo("u-100")))
                .willReturn(json(400, "{\"status\":\"fail\",\"error\":\"Invalid identity\",\"code\":400}")));

        JsonPath answer = GraphQLClient.run("deleteProfiles", "identities",
                IntStream.range(0, 150).mapToObj(i -> "u-" + i).toList());

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getBoolean("data.deleteProfiles.ok"), equalTo(false));
        assertThat(answer.getString("data.deleteProfiles.message"), containsString("confirmed 100 and refused 50"));
        // a 400 is CleverTap's final word: not sent again
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo(DELETE)));
    }

    @Test
    void deleteWithNoIdentifiersIsRefusedBeforeAnyCall() {
        JsonPath neither = GraphQLClient.run("deleteProfiles");
        assertThat(neither.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(neither.getString("errors[0].message"), containsString("identities, objectIds"));

        JsonPath empties = GraphQLClient.run("deleteProfiles", "identities", List.of(), "objectIds", List.of());
        assertThat(empties.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));

        JsonPath blank = GraphQLClient.run("deleteProfiles", "identities", List.of("u-1", " "));
        assertThat(blank.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(blank.getString("errors[0].message"), containsString("identities[1]"));

        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void aDeleteDropsCachedProfileReads() {
        stub(WireMock.get(WireMock.urlPathEqualTo("/1/profile.json")).willReturn(json(200, PROFILE)));
        stub(WireMock.post(DELETE).willReturn(json(200, "{\"status\":\"success\"}")));

        GraphQLClient.run("profile", "email", "u1@example.com");
        GraphQLClient.run("profile", "email", "u1@example.com");
        wire().verify(1, WireMock.getRequestedFor(WireMock.urlPathEqualTo("/1/profile.json")));

        // deleted by identity, cached by email: the service cannot tell them apart, so every cached read goes
        GraphQLClient.run("deleteProfiles", "identities", List.of("u-1"));
        stub(WireMock.get(WireMock.urlPathEqualTo("/1/profile.json"))
                .willReturn(json(404, "{\"status\":\"fail\",\"error\":\"Profile not found\",\"code\":404}")));
        JsonPath after = GraphQLClient.run("profile", "email", "u1@example.com");

        assertThat(after.getString("data.profile"), nullValue());
        wire().verify(2, WireMock.getRequestedFor(WireMock.urlEqualTo("/1/profile.json?email=u1%40example.com")));
    }

    private static String identityBody(List<String> identities) {
        return new ObjectMapper().valueToTree(Map.of("identity", identities)).toString();
    }
}
