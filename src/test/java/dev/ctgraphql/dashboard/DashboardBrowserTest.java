package dev.ctgraphql.dashboard;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/**
 * The dashboard at / in a real headless Chromium (Debian's chromium and chromium-driver; nothing is downloaded),
 * on the sandbox: charts, live count, profile lookup with its timeline, and a webhook appearing within a second.
 * Screenshots go to {@code <build dir>/screenshots/}. Fails, on purpose, when chromium is not installed: CI installs it.
 */
@QuarkusTest
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration LOAD = Duration.ofSeconds(20);

    static WebDriver browser;
    static Path profileDir;

    @TestHTTPResource("/")
    URL dashboard;

    @BeforeAll
    static void startChromium() throws IOException {
        assertThat("Debian's chromium is needed: apt-get install -y chromium chromium-driver", Files.isExecutable(CHROMIUM),
                is(true));
        assertThat("Debian's chromedriver is needed: apt-get install -y chromium-driver", Files.isExecutable(CHROMEDRIVER),
                is(true));
        // Selenium Manager must never try to download a browser or driver
        System.setProperty("SE_OFFLINE", "true");
        profileDir = Files.createTempDirectory("dashboard-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                "--user-data-dir=" + profileDir);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profileDir != null) {
            try (var files = Files.walk(profileDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    static Path screenshots() throws URISyntaxException, IOException {
        Path testClasses = Path.of(DashboardBrowserTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.createDirectories(testClasses.getParent().resolve("screenshots"));
    }

    static List<String> optionTexts(String selectId) {
        return browser.findElements(By.cssSelector("#" + selectId + " option")).stream().map(WebElement::getText).toList();
    }

    static void screenshot(String name, String sectionId) throws Exception {
        WebElement section = browser.findElement(By.id(sectionId));
        Files.write(screenshots().resolve(name + ".png"), section.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void everyViewShowsTheSandboxData() throws Exception {
        browser.get(dashboard.toString());
        WebDriverWait wait = new WebDriverWait(browser, LOAD);

        // channel performance: one bar per channel and metric, a 30-point daily line per channel
        wait.until(d -> d.findElements(By.cssSelector("#chart-channels rect.bar")).size() >= 9);
        List<WebElement> bars = browser.findElements(By.cssSelector("#chart-channels rect.bar"));
        assertThat(bars.stream().mapToLong(bar -> Long.parseLong(bar.getDomAttribute("data-value"))).sum(), greaterThan(0L));
        List<WebElement> lines = browser.findElements(By.cssSelector("#chart-daily polyline.line"));
        assertThat(lines.size(), greaterThan(0));
        assertThat(lines.get(0).getDomAttribute("data-points"), equalTo("30"));
        assertThat(browser.findElements(By.cssSelector("#perf-table tbody tr")).size(), greaterThan(2));
        assertThat(browser.findElement(By.id("perf-totals")).getText(), containsString("vs previous"));
        // campaign performance: API campaigns with their reports
        wait.until(d -> d.findElements(By.cssSelector("#campaign-table tbody tr")).size() > 1);
        screenshot("1-channel-performance", "performance");

        // live view: a non-zero count pushed over the subscription
        wait.until(d -> d.findElement(By.id("live-count")).getText().matches("[1-9][\\d,.]*"));
        wait.until(d -> !d.findElements(By.cssSelector("#live-breakdown li")).isEmpty());
        screenshot("2-live-view", "live");

        // profile lookup: the sandbox's user-0001 with its summary and timeline
        wait.until(d -> !d.findElements(By.cssSelector("#profile-timeline li")).isEmpty());
        assertThat(browser.findElement(By.id("profile-card")).getText(), containsString("user-0001"));
        assertThat(browser.findElements(By.cssSelector("#profile-summary tbody tr")).size(), greaterThan(0));
        assertThat(browser.findElement(By.id("profile-timeline")).getText(), containsString(" — "));
        screenshot("3-profile-activity", "profile");

        // audience builder: reach of people who were Charged in the last 30 days
        // (the pickers come from the account's catalogue: eventCatalog and profilePropertyCatalog)
        wait.until(d -> d.findElements(By.cssSelector("#aud-event option")).size() >= 3);
        assertThat(optionTexts("aud-event"), hasItems("App Launched", "Charged", "Product Viewed"));
        assertThat(browser.findElement(By.id("aud-event")).getDomProperty("value"), equalTo("Charged"));
        assertThat(optionTexts("aud-prop"), hasItems("Amount", "Payment mode"));
        assertThat(optionTexts("aud-field"), hasItems("Customer Type", "Email"));
        browser.findElement(By.cssSelector("#audience-form button")).click();
        wait.until(d -> d.findElement(By.id("aud-reach")).getText().matches("[1-9][\\d,.]*"));
        screenshot("4-segments-audience", "audience");

        // a reach CleverTap is still counting shows as such, and the dashboard resumes it with countResult: the sandbox
        // answers slower than the service waits for a count (2 s against 3 s for a post and a poll)
        given().contentType("application/json").body("{\"latencyMillis\": 2000}").put("/sandbox/_faults")
                .then().statusCode(200);
        try {
            WebElement days = browser.findElement(By.id("aud-days"));
            days.clear();
            days.sendKeys("29");
            browser.findElement(By.cssSelector("#audience-form button")).click();
            wait.until(d -> d.findElement(By.id("aud-reach")).getText().equals("still counting…"));
            wait.until(d -> d.findElement(By.id("aud-reach")).getText().matches("[1-9][\\d,.]*"));
        } finally {
            given().delete("/sandbox/_faults").then().statusCode(200);
        }

        // webhooks: a delivery posted now shows up within a second, and its target in the journeys table
        Thread.sleep(500);
        given().header("X-Webhook-Secret", "test-webhook-secret").contentType("application/json")
                .body("{\"targetId\": 1771000001, \"profiles\": [{\"identity\": \"browser-test-user\"}]}")
                .post("/webhooks/clevertap").then().statusCode(200);
        new WebDriverWait(browser, Duration.ofSeconds(1)).until(ExpectedConditions
                .textToBePresentInElementLocated(By.id("webhook-table"), "browser-test-user"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("journey-table"), "1771000001"));
        screenshot("5-webhook-deliveries", "webhooks");
        screenshot("6-journeys", "journeys");
    }
}
