package dev.ctgraphql.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static dev.ctgraphql.sandbox.SandboxApi.api;
import static dev.ctgraphql.sandbox.SandboxApi.now;
import static dev.ctgraphql.sandbox.SandboxApi.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class SandboxUploadTest {

    @Test
    void answersPerRecordWithCleverTapsCodes() {
        String identity = unique("upload");
        List<Object> records = new ArrayList<>();
        records.add(SandboxApi.event(identity, "Sandbox Check", now(), Map.of("Amount", 1)));
        records.add(Map.of("type", "event", "identity", identity, "evtData", Map.of()));
        records.add(Map.of("type", "profile", "identity", identity, "profileData", Map.of("Email", "$$$$$")));
        records.add(SandboxApi.event(identity, "Notification Sent", now(), Map.of()));
        records.add(SandboxApi.event(identity, "Sandbox Check", 0, Map.of()));
        records.add(Map.of("type", "event", "evtName", "Sandbox Check"));
        records.add(Map.of("type", "profile", "identity", identity, "profileData", Map.of("Phone", "12345")));
        records.add(Map.of("type", "profile", "identity", identity, "profileData", Map.of("Gender", "X")));
        records.add(Map.of("type", "token", "objectId", "__gunknown", "tokenData", Map.of("id", "t", "type", "fcm")));
        records.add(Map.of("type", "profile", "identity", identity, "profileData", Map.of("Name", "Ada")));
        records.add(Map.of("type", "segment", "identity", identity));
        records.add(SandboxApi.event(identity, "Sandbox Check", now(), Map.of("k".repeat(121), 1)));

        JsonPath answer = api().body(Map.of("d", records)).post("/sandbox/1/upload").then().statusCode(200)
                .body("status", is("partial")).body("processed", is(2))
                .body("unprocessed.code", contains(509, 515, 513, 525, 523, 516, 514, 530, 524, 512))
                .body("unprocessed.status", hasItem("fail"))
                .body("unprocessed[0].error", endsWith(".Skipped record number : 2"))
                .body("unprocessed[1].error", is("Profile data is incorrect. Email is not valid.Skipped record number : 3"))
                .body("unprocessed[9].error", endsWith(".Skipped record number : 12"))
                .body("unprocessed[1].record.profileData.Email", is("$$$$$"))
                .extract().jsonPath();
        assertRecordNumbers(answer, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12);

        api().get("/sandbox/1/profile.json?identity=" + identity).then().statusCode(200).body("record.name", is("Ada"))
                .body("record.events.'Sandbox Check'.count", is(1));
    }

    @Test
    void allRejectedIsFailAndEmptyIsSuccess() {
        api().body(Map.of("d", List.of(Map.of("type", "event", "identity", "x")))).post("/sandbox/1/upload").then()
                .statusCode(200).body("status", is("fail")).body("processed", is(0)).body("unprocessed", hasSize(1));
        api().body("{\"d\":[]}").post("/sandbox/1/upload").then().statusCode(200).body("status", is("success"))
                .body("processed", is(0)).body("unprocessed", empty());
    }

    @Test
    void moreThan1000RecordsIs400() {
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            records.add(SandboxApi.event("bulk", "Bulk", now(), Map.of()));
        }
        api().body(Map.of("d", records)).post("/sandbox/1/upload").then().statusCode(400).body("status", is("fail"))
                .body("code", is(400));
        api().body("{\"records\":[]}").post("/sandbox/1/upload").then().statusCode(400);
    }

    @Test
    void dryRunValidatesWithoutStoring() {
        String identity = unique("dry");
        Map<String, Object> profile = Map.of("type", "profile", "identity", identity, "profileData", Map.of("Name", "D"));
        api().body(Map.of("d", List.of(profile, Map.of("type", "profile", "identity", identity, "profileData",
                Map.of("Email", "nope"))))).post("/sandbox/1/upload?dryRun=1").then().statusCode(200)
                .body("status", is("partial")).body("processed", is(1)).body("unprocessed[0].code", is(515));
        api().get("/sandbox/1/profile.json?identity=" + identity).then().statusCode(404).body("error",
                is("Profile not found"));
        api().body(Map.of("d", List.of(profile))).post("/sandbox/1/upload?dryRun=0").then().statusCode(200);
        api().get("/sandbox/1/profile.json?identity=" + identity).then().statusCode(200);
    }

    @Test
    void profilesUpsertByIdentity() {
        String identity = unique("person");
        String email = identity + "@example.com";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Name", "Jack Montana");
        data.put("Email", email);
        data.put("Phone", "+14155551234");
        data.put("Gender", "M");
        data.put("DOB", "$D_1487576752");
        data.put("MSG-sms", false);
        data.put("Customer Type", "Platinum");
        SandboxApi.upload(Map.of("type", "profile", "identity", identity, "ts", now(), "profileData", data));
        SandboxApi.upload(Map.of("type", "profile", "identity", identity, "profileData", Map.of("Name", "Jack M.")));

        api().get("/sandbox/1/profile.json?email=" + email).then().statusCode(200)
                .body("record.identity", is(identity)).body("record.name", is("Jack M."))
                .body("record.phone", is("+14155551234")).body("record.profileData.'Customer Type'", is("Platinum"))
                .body("record.profileData.'MSG-sms'", is(false)).body("record.profileData.Gender", is("M"));
    }

    @Test
    void tokensAttachToKnownDevicesOfTheRightPlatform() {
        JsonPath profile = api().get("/sandbox/1/profile.json?identity=user-0003").then().statusCode(200).extract()
                .jsonPath();
        String objectId = profile.getString("record.platformInfo[0].objectId");
        String platform = profile.getString("record.platformInfo[0].platform");
        String fitting = switch (platform) {
            case "iOS" -> "apns";
            case "Android" -> "fcm";
            default -> "chrome";
        };
        String wrong = "iOS".equals(platform) ? "fcm" : "apns";

        SandboxApi.upload(Map.of("type", "token", "objectId", objectId, "tokenData", Map.of("id", "tok-123", "type", fitting)));
        api().get("/sandbox/1/profile.json?objectId=" + objectId).then().statusCode(200)
                .body("record.platformInfo[0].push_token", is("tok-123"));

        api().body(Map.of("d", List.of(
                Map.of("type", "token", "objectId", objectId, "tokenData", Map.of("id", "t", "type", wrong)),
                Map.of("type", "token", "objectId", objectId, "tokenData", Map.of("type", fitting)),
                Map.of("type", "token", "objectId", objectId, "tokenData", Map.of("id", "t")),
                Map.of("type", "token", "objectId", objectId, "tokenData", Map.of("id", "t", "type", "pigeon")))))
                .post("/sandbox/1/upload").then().statusCode(200).body("status", is("fail"))
                .body("unprocessed.code", contains(534, 532, 533, 535));
    }

    private static void assertRecordNumbers(JsonPath answer, int... numbers) {
        List<String> errors = answer.getList("unprocessed.error", String.class);
        for (int i = 0; i < numbers.length; i++) {
            if (!errors.get(i).endsWith(".Skipped record number : " + numbers[i])) {
                throw new AssertionError("error " + i + " was " + errors.get(i));
            }
        }
    }
}
