package io.lwm2mbridge.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every page of the console, each loaded fresh in a signed-in tab: it shows its heading, logs no error
 * in the browser, and loads less than the few hundred KiB the console promises (bytes as sent, gzip).
 */
class ConsolePagesBrowserTest {

    static final long MAX_PAGE_BYTES = 400 * 1024;

    @Test
    void everyPageLoadsCleanAndSmall() {
        try (TestServer server = TestServer.start();
                TestDevice device = TestDevice.named("pages-dev").start(server.coapUri()).awaitRegistered();
                ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
            String trigger = server.createTrigger("pages-trigger", "lwm2m-register", "log.info('hello');");
            Map<String, Long> weights = new LinkedHashMap<>();
            for (String hash : new String[] {"#/devices", "#/devices/pages-dev", "#/triggers", "#/triggers/" + trigger,
                    "#/triggers/new", "#/events", "#/firmware", "#/objects", "#/objects/3", "#/bootstrap", "#/settings"}) {
                // a full load each time, so every page pays for its own files
                browser.driver().get("about:blank");
                browser.go(hash);
                browser.await(By.cssSelector("#page section.page h1"));
                browser.until(d -> d.findElements(By.cssSelector("#page .error[role=alert]")).isEmpty());
                weights.put(hash, browser.pageWeight());
                assertThat(browser.errors()).as("browser errors on " + hash).isEmpty();
            }
            System.out.println("console page weights (bytes as sent): " + weights);
            assertThat(weights).allSatisfy((page, bytes) -> assertThat(bytes).as(page).isPositive().isLessThan(MAX_PAGE_BYTES));
        }
    }

    @Test
    void anUnknownPageSaysSoInsteadOfFailing() {
        try (TestServer server = TestServer.start(); ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
            browser.go("#/no-such-page");
            browser.awaitText(By.cssSelector("#page h1"), "Not found");
        }
    }
}
