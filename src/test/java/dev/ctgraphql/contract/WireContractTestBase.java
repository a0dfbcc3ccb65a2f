package dev.ctgraphql.contract;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import dev.ctgraphql.upstream.ResponseCache;

/** Shared set-up of the wire-contract tests: a clean stub server and empty caches before each test. */
abstract class WireContractTestBase {

    @Inject
    ResponseCache cache;

    @BeforeEach
    void resetStubsAndCaches() {
        wire().resetAll();
        cache.clear();
    }

    static WireMockServer wire() {
        return WireMockCleverTap.server();
    }

    static void stub(MappingBuilder mapping) {
        wire().stubFor(mapping);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return WireMock.aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /**
     * Answers every upload of one of {@code chunkSizes} records as CleverTap does when it stored them all: processed
     * equal to the number of records sent, none unprocessed.
     */
    static void storesEveryRecord(String url, int... chunkSizes) {
        for (int size : chunkSizes) {
            stub(WireMock.post(WireMock.urlEqualTo(url))
                    .withRequestBody(WireMock.matchingJsonPath("$.d.length()", WireMock.equalTo(String.valueOf(size))))
                    .willReturn(json(200, "{\"status\":\"success\",\"processed\":" + size + ",\"unprocessed\":[]}")));
        }
    }

    /** Answers every upload to {@code url} as CleverTap does when it stored all of its records, whatever their number. */
    static void storesEveryRecord(String url) {
        stub(WireMock.post(WireMock.urlEqualTo(url)).willReturn(json(200,
                "{\"status\":\"success\",\"processed\":{{jsonPath request.body '$.d.length()'}},\"unprocessed\":[]}")
                .withTransformers("response-template")));
    }

    /** Requires CleverTap's two auth headers with the configured values. */
    static RequestPatternBuilder authenticated(RequestPatternBuilder pattern) {
        return pattern.withHeader("X-CleverTap-Account-Id", WireMock.equalTo(WireMockCleverTap.ACCOUNT_ID))
                .withHeader("X-CleverTap-Passcode", WireMock.equalTo(WireMockCleverTap.PASSCODE));
    }
}
