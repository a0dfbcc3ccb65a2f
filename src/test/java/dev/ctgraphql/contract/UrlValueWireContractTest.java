package dev.ctgraphql.contract;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Property test: whatever text a caller puts where it reaches a CleverTap URL (a cursor in {@code after}, a profile
 * identifier, a raw request's query values) arrives at CleverTap as the value of its own parameter, never as URL syntax:
 * the received query string has exactly the expected parameters, and each decodes back to the caller's value.
 */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class UrlValueWireContractTest extends WireContractTestBase {

    private static final long SEED = 20261130L;
    private static final int RUNS = 150;
    private static final String[] PIECES = {"&", "#", "?", "/", "%", "%2", "%zz", "%26", "%2B", "+", "=", ";", " ", "\r\n",
            "\t", "\"", "'", "<", ">", "\\", "é", "ü", "日本", "😀", "\u0000", "cursor=", "&batch_size=1", "#frag",
            "a", "Zy", "0", "~", ".", "-", "_", "*", "@", ":", "[", "]", "{", "}", "|", "^", "`", "!", "$", "(", ")", ","};

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = 1 + random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    /**
     * What a cursor means (the test's own oracle): a percent-encoded value where a {@code %} that starts no escape is a
     * literal {@code %}.
     */
    private static String cursorValue(String cursor) {
        byte[] bytes = cursor.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i++) {
            boolean escape = bytes[i] == '%' && i + 2 < bytes.length && Character.digit(bytes[i + 1], 16) >= 0
                    && Character.digit(bytes[i + 2], 16) >= 0;
            if (escape) {
                value.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                value.write(bytes[i]);
            }
        }
        return value.toString(StandardCharsets.UTF_8);
    }

    /** The raw query string CleverTap received, as name=value pairs still encoded. */
    private static List<String> rawParameters(LoggedRequest request) {
        String url = request.getUrl();
        int question = url.indexOf('?');
        assertThat("no '#' may reach CleverTap: " + url, url.indexOf('#'), equalTo(-1));
        return question < 0 ? List.of() : List.of(url.substring(question + 1).split("&", -1));
    }

    private static String decoded(String encoded) {
        assertThat("# and whitespace never reach CleverTap: " + encoded, encoded.matches(".*[#\s].*"), equalTo(false));
        return java.net.URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    @Test
    void cursorsInAfterAreSentAsOneCursorValue() {
        stub(WireMock.get(WireMock.urlPathEqualTo("/1/profiles.json"))
                .willReturn(json(200, "{\"status\":\"success\",\"records\":[]}")));
        stub(WireMock.get(WireMock.urlPathEqualTo("/1/events.json"))
                .willReturn(json(200, "{\"status\":\"success\",\"records\":[]}")));
        Random random = new Random(SEED);
        for (int run = 0; run < RUNS; run++) {
            String text = randomText(random);
            // half the time the text as CleverTap would hand it out (percent-encoded), half the time as is
            String after = run % 2 == 0 ? URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20") : text;
            String field = run % 4 < 2 ? "profiles" : "events";
            wire().resetRequests();
            cache.clear();
            JsonPath answer = GraphQLClient.run(field, "query", ExportWireContractTest.LAUNCHED, "after", after);
            String what = "run " + run + " after=" + after.replace("\r", "\\r").replace("\n", "\\n");
            if (after.isBlank() || after.chars().anyMatch(Character::isWhitespace)) {
                assertThat(what, answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
                assertThat(what, wire().getAllServeEvents(), hasSize(0));
                continue;
            }
            assertThat(what, answer.getString("errors"), nullValue());
            List<LoggedRequest> sent = wire().findAll(WireMock.anyRequestedFor(WireMock.anyUrl()));
            assertThat(what, sent, hasSize(1));
            assertThat(what, sent.get(0).getUrl().startsWith("/1/" + field + ".json?"), equalTo(true));
            List<String> parameters = rawParameters(sent.get(0));
            assertThat(what + " sent " + parameters, parameters, hasSize(1));
            assertThat(what, parameters.get(0).startsWith("cursor="), equalTo(true));
            assertThat(what, decoded(parameters.get(0).substring("cursor=".length())), equalTo(cursorValue(after)));
            if (after.matches("[A-Za-z0-9%._-]*")) {
                // a cursor as CleverTap hands it out goes back byte for byte
                assertThat(what, parameters.get(0), equalTo("cursor=" + after));
            }
        }
    }

    @Test
    void profileIdentifiersAndRawQueryValuesAreSentAsValues() {
        stub(WireMock.get(WireMock.urlPathEqualTo("/1/profile.json"))
                .willReturn(json(200, "{\"status\":\"success\",\"record\":{\"identity\":\"x\"}}")));
        stub(WireMock.get(WireMock.urlPathEqualTo("/1/profiles.json"))
                .willReturn(json(200, "{\"status\":\"success\",\"records\":[]}")));
        Random random = new Random(SEED + 1);
        for (int run = 0; run < RUNS; run++) {
            String text = randomText(random);
            String what = "run " + run + " text=" + text.replace("\r", "\\r").replace("\n", "\\n");
            wire().resetRequests();
            cache.clear();
            JsonPath answer;
            String name;
            String expected = text;
            if (run % 2 == 0) {
                // identifiers are trimmed by the service (ProfileGraphQLApi)
                expected = text.trim();
                name = "identity";
                answer = GraphQLClient.run("profile", "identity", text);
            } else {
                name = "q" + (run % 3);
                answer = GraphQLClient.run("rawRequest", "method", "GET", "path", "/1/profiles.json", "query",
                        Map.of(name, text));
            }
            if (answer.getString("errors[0].extensions.code") != null) {
                // a value the service refuses must be refused before any call
                assertThat(what, answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
                assertThat(what, wire().getAllServeEvents(), hasSize(0));
                continue;
            }
            List<LoggedRequest> sent = wire().findAll(WireMock.anyRequestedFor(WireMock.anyUrl()));
            assertThat(what, sent, hasSize(1));
            List<String> parameters = rawParameters(sent.get(0));
            assertThat(what + " sent " + parameters, parameters, hasSize(1));
            assertThat(what, parameters.get(0).startsWith(name + "="), equalTo(true));
            assertThat(what, decoded(parameters.get(0).substring(name.length() + 1)), equalTo(expected));
        }
    }
}
