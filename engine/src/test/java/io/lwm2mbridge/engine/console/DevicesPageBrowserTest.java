package io.lwm2mbridge.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Signing in to the console, and the devices list following real clients without a reload. */
class DevicesPageBrowserTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aWrongTokenIsRefusedAndTheRightOneIsKeptForTheTab() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(server)) {
            browser.allowError("401");
            browser.driver().get(browser.baseUrl() + "/");
            browser.type(By.id("token"), "not-the-token");
            browser.click(By.id("sign-in-button"));
            browser.awaitText(By.id("sign-in-error"), "not the server");
            assertThat(browser.script("return sessionStorage.getItem('lwm2m-bridge.token')")).isNull();
            browser.screenshot("sign-in.png");

            browser.type(By.id("token"), TestServer.TOKEN);
            browser.click(By.id("sign-in-button"));
            browser.await(By.cssSelector("section[data-page=devices]"));
            // a reload keeps the tab signed in; the token never shows in the address
            browser.driver().navigate().refresh();
            browser.await(By.cssSelector("section[data-page=devices]"));
            assertThat(browser.driver().getCurrentUrl()).doesNotContain(TestServer.TOKEN);

            browser.click(By.id("sign-out"));
            browser.await(By.id("token"));
            assertThat(browser.script("return sessionStorage.getItem('lwm2m-bridge.token')")).isNull();
        }
    }

    @Test
    void aDeviceThatRegistersAppearsWithoutAReloadAndItsDeregistrationIsShown() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
            browser.awaitText(By.id("live-state"), "live");
            // a marker set on the page's window: a reload would lose it
            browser.script("window.__sameDocument = true");
            By row = By.cssSelector("tr[data-endpoint='console-dev-1']");
            assertThat(browser.driver().findElements(row)).isEmpty();

            try (TestDevice device = TestDevice.named("console-dev-1").start(server.coapUri()).awaitRegistered();
                    TestDevice other = TestDevice.named("console-dev-2").start(server.coapUri()).awaitRegistered()) {
                browser.awaitText(row, "connected");
                assertThat(browser.driver().findElement(row).getText()).contains("1.1").contains("127.0.0.1");
                browser.await(By.cssSelector("tr[data-endpoint='console-dev-2']"));
                assertThat(browser.script("return window.__sameDocument")).isEqualTo(true);

                // tags set over the API and a search in the endpoint.search syntax
                server.api().put("/api/v1/endpoints/console-dev-2", Map.of("tags", Map.of("site", "berlin")));
                browser.type(By.id("device-search"), "tags.site: berlin");
                browser.click(By.cssSelector("#page form button[type=submit]"));
                browser.until(d -> d.findElements(row).isEmpty());
                browser.awaitText(By.cssSelector("tr[data-endpoint='console-dev-2']"), "site=berlin");
                browser.type(By.id("device-search"), "");
                browser.click(By.cssSelector("#page form button[type=submit]"));
                browser.await(row);
                browser.screenshot("devices.png");

                device.deregister();
                browser.awaitText(row, "disconnected");
                assertThat(browser.script("return window.__sameDocument")).isEqualTo(true);
            }
            assertThat(browser.pageWeight()).as("bytes the devices page loaded").isLessThan(300 * 1024);
        }
    }
}
