package io.lwm2mbridge.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The events and logs page against a real server and real Leshan clients: events arrive live beside the
 * log lines of the triggers they run, Pause holds new rows back until Resume, a type filter narrows the
 * stream, and an event opens to its JSON.
 */
class EventsPageBrowserTest {

    static final By ROWS = By.cssSelector("#event-rows [data-event-id]");

    @Test
    void eventsOfRegisteringClientsAppearLivePauseHoldsThemAndTheTypeFilterNarrows() {
        try (TestServer server = TestServer.start(); ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
            server.createTrigger("events-greeter", "lwm2m-register", "log.info('seen ' + event.endpoint.key);");
            browser.go("#/events");
            browser.awaitText(By.id("events-state"), "live");
            browser.script("window.__sameDocument = true");

            try (TestDevice one = TestDevice.named("events-dev-1").start(server.coapUri()).awaitRegistered()) {
                WebElement row = browser.awaitText(By.cssSelector("#event-rows [data-type='lwm2m-register']"), "events-dev-1");
                browser.awaitText(By.id("log-rows"), "seen events-dev-1");
                assertThat(browser.driver().findElement(By.id("log-rows")).getText()).contains("events-greeter");

                // an event opens to its JSON
                row.findElement(By.tagName("summary")).click();
                assertThat(row.findElement(By.cssSelector("pre.event-json")).getText())
                        .contains("\"key\": \"events-dev-1\"").contains("\"remoteAddr\"");

                // paused: a new registration is held back (and counted), then shown on Resume
                browser.click(By.id("events-pause"));
                browser.awaitText(By.id("events-state"), "paused");
                int before = browser.driver().findElements(ROWS).size();
                try (TestDevice two = TestDevice.named("events-dev-2").start(server.coapUri()).awaitRegistered()) {
                    browser.awaitText(By.id("events-pause"), "Resume (");
                    assertThat(browser.driver().findElements(ROWS)).hasSize(before);
                    assertThat(browser.driver().findElement(By.id("event-rows")).getText()).doesNotContain("events-dev-2");
                    browser.screenshot("events-paused.png");

                    browser.click(By.id("events-pause"));
                    browser.awaitText(By.id("event-rows"), "events-dev-2");
                    browser.awaitText(By.id("events-pause"), "Pause");
                    assertThat(browser.driver().findElements(ROWS)).hasSize(before + 1);
                    // newest first
                    assertThat(browser.driver().findElements(ROWS).get(0).getText()).contains("events-dev-2");
                }
                // events-dev-2 deregistered when it closed
                browser.awaitText(By.cssSelector("#event-rows [data-type='lwm2m-deregister']"), "events-dev-2");

                // only deregistrations: the filter is in the address, the rows all match, and new ones follow
                new Select(browser.driver().findElement(By.id("events-type"))).selectByValue("lwm2m-deregister");
                browser.until(d -> d.getCurrentUrl().contains("type=lwm2m-deregister"));
                browser.until(d -> types(browser).equals(List.of("lwm2m-deregister")));
                one.deregister();
                browser.awaitText(By.id("event-rows"), "events-dev-1");
                assertThat(types(browser)).containsExactly("lwm2m-deregister");
                assertThat(browser.driver().findElements(ROWS)).hasSize(2);
                assertThat(browser.script("return window.__sameDocument")).isEqualTo(true);

                new Select(browser.driver().findElement(By.id("events-type"))).selectByValue("");
                browser.until(d -> d.findElements(ROWS).size() >= 4);
                browser.driver().findElements(By.cssSelector("#event-rows [data-type='lwm2m-register'] summary")).get(0).click();
                browser.screenshot("events.png");
            }
        }
    }

    @Test
    void theTriggerFilterNarrowsTheLogLinesAndStaysInTheAddress() {
        try (TestServer server = TestServer.start(); ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
            server.createTrigger("loud", "lwm2m-register", "log.info('loud ' + event.endpoint.key);");
            server.createTrigger("quiet", "lwm2m-register", "log.warn('quiet ' + event.endpoint.key);");
            browser.go("#/events?trigger=quiet");
            browser.await(By.id("event-rows"));
            try (TestDevice one = TestDevice.named("logs-dev-1").start(server.coapUri()).awaitRegistered()) {
                browser.awaitText(By.id("log-rows"), "quiet logs-dev-1");
                browser.awaitText(By.id("event-rows"), "logs-dev-1");
                assertThat(browser.driver().findElement(By.id("log-rows")).getText()).doesNotContain("loud");

                browser.type(By.id("events-trigger"), "");
                new Select(browser.driver().findElement(By.id("events-level"))).selectByValue("info");
                browser.awaitText(By.id("log-rows"), "loud logs-dev-1");
                assertThat(browser.driver().getCurrentUrl()).contains("level=info").doesNotContain("trigger=");
            }
        }
    }

    static List<String> types(ConsoleBrowser browser) {
        return browser.driver().findElements(ROWS).stream().map(e -> e.getAttribute("data-type")).distinct().toList();
    }
}
