package dev.ctgraphql.dashboard;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The dashboard test against the packaged jar on the sandbox. */
@QuarkusIntegrationTest
@TestProfile(PackagedDashboardProfile.class)
class DashboardBrowserIT extends DashboardBrowserTest {
}
