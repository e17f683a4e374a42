package io.strait.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.sql.dashboard.DashboardWorkload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard over {@link DashboardWorkload} and its day of history in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; dev/test installs
 * them). Fails, never skips, when they are missing. Screenshots of the main pages go to
 * {@code target/dashboard-screenshots}, and also to the directory of system property
 * {@value #SCREENSHOTS_PROPERTY} when set (docs/img for the README).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
    static final String SCREENSHOTS_PROPERTY = "strait.dashboard.screenshots";
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("strait.chromedriver", "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("strait.chromium", "/usr/bin/chromium"));

    private static DashboardFixture fixture;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        assertThat(CHROMEDRIVER).as("chromedriver (apt-get install -y chromium chromium-driver; dev/test installs it)")
                .isExecutable();
        assertThat(CHROMIUM).as("chromium (apt-get install -y chromium chromium-driver; dev/test installs it)")
                .isExecutable();
        fixture = DashboardFixture.start(true);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1360,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        browser.manage().window().setSize(new Dimension(1360, 1000));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void overviewShowsJobCountsAndALagChart() {
        browser.get(fixture.url("/"));
        assertThat(browser.getTitle()).startsWith("Overview");
        assertThat(text("jobs-a-to-b-SUCCEEDED")).isEqualTo(String.valueOf(3 + DashboardWorkload.HISTORY_JOBS));
        assertThat(text("jobs-a-to-b-PENDING")).isEqualTo("1");
        assertThat(text("jobs-a-to-b-FAILED")).isEqualTo("1");
        assertThat(text("jobs-a-to-b-BLOCKED")).isEqualTo("1");
        WebElement chart = browser.findElement(By.id("lag-chart-a-to-b"));
        assertThat(chart.getAttribute("data-points")).isEqualTo("24");
        assertThat(chart.findElements(By.cssSelector("circle.point"))).hasSize(3 * 24);
        assertThat(chart.findElements(By.cssSelector("path.line"))).hasSize(3)
                .allSatisfy(line -> assertThat(line.isDisplayed()).isTrue())
                .allSatisfy(line -> assertThat(line.getSize().getWidth()).isGreaterThan(300));
        assertThat(chart.getSize().getHeight()).isGreaterThan(100);
        screenshot("dashboard-overview.png");
    }

    @Test
    void searchingATableShowsItsFreshness() {
        browser.get(fixture.url("/tables"));
        browser.findElement(By.id("search")).sendKeys("orders");
        browser.findElement(By.id("search-button")).click();
        // the search loads a new page: wait until it shows the filtered table (a filter that never applies fails)
        await(() -> browser.findElements(By.cssSelector("#tables tr[data-table]")).size() == 1);
        List<WebElement> rows = browser.findElements(By.cssSelector("#tables tr[data-table]"));
        assertThat(rows).hasSize(1);
        WebElement orders = rows.get(0);
        assertThat(orders.getAttribute("data-table")).isEqualTo("sales.orders");
        assertThat(orders.findElement(By.cssSelector(".status")).getText()).startsWith("waiting since");
        assertThat(orders.findElement(By.cssSelector(".lag")).getText()).isEqualTo(
                Pages.duration(DashboardWorkload.NOW - DashboardWorkload.capturedAt(4)));
        orders.findElement(By.cssSelector("a.partitions")).click();
        assertThat(browser.getTitle()).startsWith("Partitions of sales.orders");
        List<WebElement> partitions = browser.findElements(By.cssSelector("#partitions tr[data-partition]"));
        assertThat(partitions).extracting(row -> row.getAttribute("data-partition"))
                .containsExactly("2024-01-03", "2024-01-01", "2024-01-02");
        assertThat(partitions.get(0).findElement(By.cssSelector(".status")).getText()).startsWith("waiting since");
        assertThat(partitions.get(1).findElement(By.cssSelector(".status")).getText()).startsWith("no change since");
        assertThat(partitions.get(1).findElement(By.cssSelector(".sla")).getText()).isEqualTo("ON_TIME");
        screenshot("dashboard-partitions.png");
        browser.get(fixture.url("/tables"));
        screenshot("dashboard-tables.png");
        browser.get(fixture.url("/tables?search=customers"));
        assertThat(browser.findElement(By.cssSelector("#tables tr[data-table] .status")).getText())
                .startsWith("no change since");
    }

    @Test
    void aJobPageShowsItsHistory() {
        browser.get(fixture.url("/jobs?table=sales.orders"));
        screenshot("dashboard-jobs.png");
        long id = fixture.workload.jobIds.get(0);
        browser.findElement(By.linkText(String.valueOf(id))).click();
        assertThat(browser.getTitle()).startsWith("Job " + id);
        List<String> history = browser.findElements(By.cssSelector("#history tr td:nth-child(3)")).stream()
                .map(WebElement::getText).toList();
        assertThat(history).containsExactly("PENDING", "PLANNED", "COPYING", "COPIED", "VERIFIED", "COMMITTED",
                "SUCCEEDED");
        assertThat(browser.findElements(By.cssSelector("#files tr td code"))).extracting(WebElement::getText)
                .contains("crc32c:0a0b0c0d");
        screenshot("dashboard-job.png");
        browser.get(fixture.url("/reconcile"));
        assertThat(browser.findElement(By.id("scans")).getText()).contains("MISSING_PARTITION");
        screenshot("dashboard-reconcile.png");
    }

    @Test
    void whyATableIsLateFromTheTablesPage() {
        browser.get(fixture.url("/tables?search=returns"));
        assertThat(browser.findElement(By.cssSelector("#tables tr[data-table] .sla")).getText()).isEqualTo("ON_TIME");
        browser.findElement(By.cssSelector("#tables tr[data-table=\"sales.returns\"] a.why")).click();
        assertThat(browser.getTitle()).startsWith("Why sales.returns");
        assertThat(text("why-reason")).isEqualTo("FAILED");
        assertThat(text("why-summary")).contains("metastore of region-b unreachable", "strait retry");
        assertThat(text("why-sla")).isEqualTo("ON_TIME");
        screenshot("dashboard-why.png");
        browser.get(fixture.url("/why"));
        browser.findElement(By.id("why-table")).sendKeys("sales.orders");
        browser.findElement(By.id("why-partition")).sendKeys("ds=2024-01-03");
        browser.findElement(By.id("why-button")).click();
        assertThat(text("why-reason")).isEqualTo("QUEUED");
        assertThat(browser.findElement(By.id("why-details")).getText()).contains("queuePosition 1");
    }

    /** Last: it changes the workload (the FAILED job is retried). */
    @Test
    @Order(Integer.MAX_VALUE)
    void anOperatorActionIsRefusedWithoutTheTokenAndRecordedWithIt() {
        long failed = fixture.workload.jobIds.get(5);
        browser.get(fixture.url("/jobs/" + failed));
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        browser.findElement(By.id("action-reason")).sendKeys("region-b is back");
        browser.findElement(By.id("retry-job")).click();
        await(() -> text("action-result").startsWith("Refused (401)"));
        assertThat(fixture.get("/api/jobs/" + failed).body()).contains("\"state\" : \"FAILED\"");

        browser.findElement(By.id("action-token")).sendKeys(DashboardFixture.TOKEN);
        browser.findElement(By.id("retry-job")).click();
        await(() -> text("action-result").startsWith("Done: "));
        assertThat(browser.executeScript("return sessionStorage.getItem('straitToken')"))
                .isEqualTo(DashboardFixture.TOKEN);
        await(() -> browser.getTitle().startsWith("Job " + failed) && browser.findElements(By.cssSelector(
                "#history tr td:nth-child(5)")).stream().map(WebElement::getText).anyMatch(reason -> reason.equals(
                "operator dashboard from 127.0.0.1: retry: region-b is back")));
        assertThat(browser.findElement(By.cssSelector("h1 .state")).getText()).isEqualTo("PENDING");
        assertThat(browser.findElements(By.id("retry-job"))).as("a PENDING job cannot be retried").isEmpty();
        assertThat(browser.findElement(By.id("token-box")).isDisplayed()).as("the token is kept").isFalse();
        screenshot("dashboard-job-actions.png");
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (org.openqa.selenium.WebDriverException stale) {
                // the page is reloading: look again
            }
            assertThat(System.currentTimeMillis()).as("waited 10 s for the page").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void screenshot(String name) {
        try {
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Path local = Path.of("target", "dashboard-screenshots");
            Files.createDirectories(local);
            Files.copy(shot, local.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            String docs = System.getProperty(SCREENSHOTS_PROPERTY, "");
            if (!docs.isEmpty()) {
                Files.createDirectories(Path.of(docs));
                Files.copy(shot, Path.of(docs).resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
