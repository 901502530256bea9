package io.lwm2mbridge.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestFirmware;
import io.lwm2mbridge.engine.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The firmware page end to end: a file uploaded through the page (its progress bar filled, the sha256 the
 * server answers shown), an update started from the page for a real Leshan client with a Firmware Update
 * object that downloads, checks and applies the image, and its job row following it to success live.
 */
class FirmwarePageBrowserTest {

    @Test
    void aFileUploadedThroughThePageUpdatesARealClientAndItsJobEndsInSuccess() throws Exception {
        byte[] image = new byte[2 * 1024 * 1024 + 123];
        new Random(7).nextBytes(image);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        Path file = Files.createTempFile("console-fw-", ".bin");
        Files.write(file, image);
        TestFirmware firmware = TestFirmware.expecting(sha256).rebootsInto("2.0.0").build();
        try (TestServer server = TestServer.start();
                TestDevice device = TestDevice.named("console-fw-1").withFirmware(firmware).start(server.coapUri())
                        .awaitRegistered();
                ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
            browser.driver().manage().window().setSize(new Dimension(1400, 1300));
            browser.go("#/firmware");
            browser.awaitText(By.id("fota-live"), "live");
            browser.script("window.__sameDocument = true");
            // every value the bar takes during the upload, as the page sets them
            browser.script("""
                    const p = document.getElementById('fw-progress');
                    window.__progress = [];
                    new MutationObserver(() => window.__progress.push([p.value, p.max]))
                        .observe(p, {attributes: true, attributeFilter: ['value', 'max']});
                    """);

            browser.driver().findElement(By.id("fw-file")).sendKeys(file.toString());
            browser.type(By.id("fw-name"), "app-v2.bin");
            browser.type(By.id("fw-version"), "2.0.0");
            browser.click(By.id("fw-upload"));

            WebElement row = browser.await(By.cssSelector("tr[data-file='app-v2.bin']"));
            assertThat(row.findElement(By.className("sha256")).getText()).isEqualTo(sha256);
            assertThat(browser.driver().findElement(By.id("fw-upload-status")).getText()).contains(sha256);
            WebElement progress = browser.driver().findElement(By.id("fw-progress"));
            assertThat(progress.isDisplayed()).isTrue();
            double max = Double.parseDouble(progress.getDomProperty("max"));
            assertThat(max).as("the bar counts the bytes sent, the form around the file included")
                    .isGreaterThanOrEqualTo(image.length);
            assertThat(Double.parseDouble(progress.getDomProperty("value"))).isEqualTo(max);
            @SuppressWarnings("unchecked")
            List<List<Number>> steps = (List<List<Number>>) browser.script("return window.__progress");
            assertThat(steps).as("the bar moved while the file went up").isNotEmpty();
            assertThat(steps.get(steps.size() - 1).get(0).doubleValue()).isEqualTo(max);
            assertThat(row.getText()).contains("2.0.0").contains("2.0 MiB");

            browser.type(By.id("fota-target"), "console-fw-1");
            new Select(browser.await(By.id("fota-file"))).selectByValue("app-v2.bin");
            new Select(browser.await(By.id("fota-protocol"))).selectByValue("http");
            browser.click(By.id("fota-start"));
            browser.awaitText(By.cssSelector("#fota-results li[data-endpoint='console-fw-1']"), "started");

            // the row is drawn anew on every event, so it is read in one go in the page
            String job = "tr[data-job-endpoint='console-fw-1']";
            browser.until(d -> "succeeded".equals(text(browser, job + " .state")));
            assertThat(text(browser, job + " .result")).contains("Firmware updated successfully");
            assertThat(text(browser, job + " .progress")).contains("5/5");
            assertThat(text(browser, job)).contains("app-v2.bin").contains("http");
            assertThat(browser.script("return window.__sameDocument")).as("no reload").isEqualTo(true);

            // what the page showed is what happened: the client checked the image and runs the new version
            assertThat(firmware.version()).isEqualTo("2.0.0");
            Map<String, Object> fota = server.api().get("/api/v1/fota?endpoint=console-fw-1").map();
            @SuppressWarnings("unchecked")
            Map<String, Object> ended = ((List<Map<String, Object>>) fota.get("items")).get(0);
            assertThat(ended).containsEntry("success", true).containsEntry("file", "app-v2.bin");

            browser.script("window.scrollTo(0, 0)");
            browser.screenshot("firmware.png");

            // once the job ended, its file can go, and its row with it
            browser.script("window.confirm = () => true");
            // the end of the job redraws the inventory too, so the button is found and pressed in one go
            browser.script("document.querySelector(\"tr[data-file='app-v2.bin'] button.danger\").click()");
            browser.until(d -> d.findElements(By.cssSelector("tr[data-file='app-v2.bin']")).isEmpty());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The text of the first element the selector finds, trimmed; null when there is none. */
    private static String text(ConsoleBrowser browser, String selector) {
        return (String) browser.script("const e = document.querySelector(arguments[0]); return e && e.innerText.trim()", selector);
    }

    @Test
    void aQueryListsItsDevicesFirstAndEachRefusalIsShownBesideItsDevice() {
        try (TestServer server = TestServer.start();
                TestDevice a = TestDevice.named("query-fw-a").start(server.coapUri()).awaitRegistered();
                TestDevice b = TestDevice.named("query-fw-b").start(server.coapUri()).awaitRegistered();
                ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
            browser.allowError("400"); // the refusals the test asks for
            server.api().put("/api/v1/endpoints/query-fw-a", Map.of("tags", Map.of("site", "berlin")));
            server.api().put("/api/v1/endpoints/query-fw-b", Map.of("tags", Map.of("site", "berlin")));
            browser.go("#/firmware");
            browser.await(By.id("fota-start"));

            // no file in the inventory yet: a full URI instead, which a device without object 5 cannot take
            new Select(browser.await(By.id("fota-file"))).selectByVisibleText("another URI\u2026");
            browser.type(By.id("fota-uri"), "http://127.0.0.1:9/none.bin");
            browser.type(By.id("fota-target"), "tags.site:berlin");
            browser.click(By.id("fota-start"));
            // the first click only lists the matches
            browser.await(By.cssSelector("#fota-matches label[data-endpoint='query-fw-a']"));
            browser.await(By.cssSelector("#fota-matches label[data-endpoint='query-fw-b']"));
            browser.awaitText(By.id("fota-start"), "2 devices");
            assertThat(browser.driver().findElements(By.cssSelector("#fota-results li"))).isEmpty();

            browser.click(By.id("fota-start"));
            for (String key : List.of("query-fw-a", "query-fw-b")) {
                By item = By.cssSelector("#fota-results li[data-endpoint='" + key + "']");
                browser.until(d -> !d.findElement(item).getAttribute("class").equals("pending"));
                WebElement li = browser.driver().findElement(item);
                assertThat(li.getAttribute("class")).isEqualTo("error");
                assertThat(li.getText()).contains(key).contains("refused");
            }
        }
    }
}
