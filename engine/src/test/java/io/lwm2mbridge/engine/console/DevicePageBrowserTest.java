package io.lwm2mbridge.engine.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestFirmware;
import io.lwm2mbridge.engine.testing.TestObject;
import io.lwm2mbridge.engine.testing.TestServer;
import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * A device's page against a real server and a real Leshan client: the tree named from the object
 * registry, read, typed writes, execute with arguments, an observation followed live and cancelled,
 * the device's error shown at its node, tags, a call held for a sleeping queue-mode device and answered
 * when it wakes, and the firmware job followed to its end.
 */
class DevicePageBrowserTest {

    @Test
    void theTreeReadsWritesExecutesAndFollowsAnObservation() {
        TestObject.Instance test = new TestObject.Instance(0);
        try (TestServer server = TestServer.start()) {
            TestObject.define(server.server());
            try (TestDevice device = TestDevice.named("console-device").manufacturer("Acme Console Devices")
                    .withModels(List.of(TestObject.MODEL)).withInstances(TestObject.ID, test)
                    .start(server.coapUri()).awaitRegistered();
                    ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
                // the device's own refusal (4.04 for a resource it lacks) is a 502 the page shows
                browser.allowError("502");
                browser.go("#/devices/console-device");
                browser.awaitText(By.id("device-title"), "console-device");
                browser.awaitText(By.id("live-state"), "live");

                // names from the registry, at the version the device announced
                browser.awaitText(node("/3/0"), "Manufacturer");
                assertThat(browser.await(head("/3")).getText()).contains("Device");
                assertThat(browser.await(head("/33000")).getText()).contains("Bridge Test").contains("v1.0");
                assertThat(browser.await(node("/33000/0/3")).getText()).contains("Ratio").contains("Float");

                // read
                click(browser, action("/3/0/0", "read"));
                browser.awaitText(in("/3/0/0", ".value"), "Acme Console Devices");
                assertThat(browser.await(in("/3/0/0", ".answer")).getText()).contains("read");

                // a typed write (Integer), then read back
                click(browser, action("/33000/0/1", "write"));
                assertThat(browser.await(in("/33000/0/1", ".editor [name=value]")).getAttribute("type")).isEqualTo("number");
                browser.type(in("/33000/0/1", ".editor [name=value]"), "42");
                click(browser, action("/33000/0/1", "send"));
                browser.awaitText(in("/33000/0/1", ".answer"), "written");
                await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(42).equals(test.value(TestObject.COUNT)));
                click(browser, action("/33000/0/1", "read"));
                browser.awaitText(in("/33000/0/1", ".value"), "42");

                // a Boolean is written from a true/false choice
                click(browser, action("/33000/0/4", "write"));
                new Select(browser.await(in("/33000/0/4", ".editor [name=value]"))).selectByValue("true");
                click(browser, action("/33000/0/4", "send"));
                browser.awaitText(in("/33000/0/4", ".value"), "true");
                assertThat(test.value(TestObject.ENABLED)).isEqualTo(true);

                // a multiple resource is written instance by instance
                click(browser, action("/33000/0/10", "write"));
                browser.type(in("/33000/0/10", ".editor .ri-row [name=value]"), "5");
                click(browser, in("/33000/0/10", ".editor button.add-instance"));
                browser.type(By.cssSelector("[data-path='/33000/0/10'] .editor .ri-row:nth-child(2) [name=value]"), "6");
                click(browser, action("/33000/0/10", "send"));
                browser.awaitText(in("/33000/0/10", ".answer"), "read back");
                assertThat(test.levels()).isEqualTo(Map.of(0, 5L, 1, 6L));
                assertThat(browser.await(in("/33000/0/10", "[data-path='/33000/0/10/1']")).getText()).contains("6");

                // execute with arguments
                click(browser, action("/33000/0/8", "arguments"));
                browser.type(in("/33000/0/8", ".editor [name=value]"), "0='abc'");
                click(browser, action("/33000/0/8", "send"));
                browser.awaitText(in("/33000/0/8", ".answer"), "execute done");
                assertThat(test.executions()).isEqualTo(1);
                click(browser, action("/33000/0/9", "read"));
                browser.awaitText(in("/33000/0/9", ".value"), "abc");

                // notification attributes, as the device then reports them
                click(browser, action("/33000/0/11", "attributes"));
                browser.type(in("/33000/0/11", ".editor [name=pmax]"), "60");
                click(browser, action("/33000/0/11", "send"));
                browser.awaitText(in("/33000/0/11", ".answer"), "pmax=60");

                // observe: the device's own changes arrive without asking
                click(browser, action("/33000/0/11", "observe"));
                browser.awaitText(in("/33000/0/11", ".answer"), "observing");
                test.setCounter(7);
                browser.awaitText(in("/33000/0/11", ".value"), "7");
                test.setCounter(8);
                browser.awaitText(in("/33000/0/11", ".value"), "8");
                browser.awaitText(By.id("device-events"), "notify /33000/0/11");
                // a page opened afresh learns the observation from the server (GET /endpoints/{key}/observations)
                browser.driver().navigate().refresh();
                browser.until(d -> d.findElement(By.cssSelector("[data-path='/33000/0/11']")).getAttribute("class")
                        .contains("observed"));

                // the device's error, at the node that asked
                click(browser, action("/3", "discover"));
                browser.awaitText(in("/3", ".answer"), "links");
                String missing = missingDeviceResource(browser);
                click(browser, action(missing, "read"));
                browser.awaitText(in(missing, ".answer.error"), "coap: not found");

                // tags, edited from the page
                browser.type(By.cssSelector("#device-tags input[name=tag]"), "site");
                browser.type(By.cssSelector("#device-tags input[name=tag-value]"), "lab");
                browser.click(By.cssSelector("#device-tags button[type=submit]"));
                browser.awaitText(By.id("device-tags"), "site=lab");
                assertThat(server.api().get("/api/v1/endpoints/console-device").map().get("tags")).isEqualTo(Map.of("site", "lab"));

                // a read of an instance fills each of its resources
                click(browser, action("/3/0", "read"));
                browser.awaitText(in("/3/0/1", ".value"), "test-model");
                browser.awaitText(in("/3/0", ".answer"), "values");

                // the picture: object 1 folded, the device's objects in view
                click(browser, By.cssSelector("[data-path='/1'] > .head .twisty"));
                browser.script("window.scrollTo(0, 0)");
                browser.until(d -> Boolean.TRUE.equals(browser.script("return document.getAnimations().length === 0")));
                browser.screenshot("device.png");

                // cancel: no more values
                click(browser, action("/33000/0/11", "cancel"));
                browser.awaitText(in("/33000/0/11", ".answer"), "cancelled 1 observation");
                test.setCounter(9);
                click(browser, action("/33000/0/0", "read"));
                browser.awaitText(in("/33000/0/0", ".value"), "hello");
                assertThat(browser.await(in("/33000/0/11", ".value")).getText()).contains("8").doesNotContain("9");
            }
        }
    }

    @Test
    void aReadOfASleepingDeviceIsHeldAndAnsweredWhenItWakes() {
        try (TestServer server = TestServer.start()) {
            assertThat(server.api().put("/api/v1/settings", Map.of("queue_awake_time_s", 1)).status()).isEqualTo(200);
            try (TestDevice device = TestDevice.named("console-sleepy").manufacturer("Sleepy Co").queueMode()
                    .start(server.coapUri()).awaitRegistered();
                    ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
                browser.allowError("502");
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        Boolean.TRUE.equals(server.api().get("/api/v1/endpoints/console-sleepy/queue").map().get("asleep")));
                browser.go("#/devices/console-sleepy");
                browser.awaitText(By.id("device-queue"), "asleep");

                click(browser, action("/3/0/0", "read"));
                browser.awaitText(in("/3/0/0", ".answer.held"), "held until the device wakes");
                browser.awaitText(By.id("held-requests"), "3/0/0");

                // awake long enough for the held read, however slow this machine is right now
                assertThat(server.api().put("/api/v1/settings", Map.of("queue_awake_time_s", 30)).status()).isEqualTo(200);
                device.client().triggerRegistrationUpdate();
                try {
                    browser.awaitText(in("/3/0/0", ".value"), "Sleepy Co");
                } catch (RuntimeException e) {
                    // what the page and the server saw, to tell a late device from a page that missed its answer
                    throw new AssertionError("no value shown; answer: " + browser.await(in("/3/0/0", ".answer")).getText()
                            + "; page events: " + browser.await(By.id("device-events")).getText()
                            + "; server events: " + server.server().events().query(null, "console-sleepy", null, 0, 100), e);
                }
                browser.awaitText(in("/3/0/0", ".answer.ok"), "read");
                browser.awaitText(By.id("held-requests"), "No held requests");
            }
        }
    }

    @Test
    void theFirmwareJobIsFollowedToItsEnd() throws Exception {
        byte[] image = new byte[20_000];
        new Random(7).nextBytes(image);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        try (TestServer server = TestServer.start();
                TestDevice device = TestDevice.named("console-fw").withFirmware(TestFirmware.expecting(sha).rebootsInto("2.0.0").build())
                        .start(server.coapUri()).awaitRegistered();
                ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
            browser.go("#/devices/console-fw");
            browser.awaitText(By.id("device-firmware"), "No firmware update");
            assertThat(server.api().send(server.api().request("/api/v1/inventory?name=console-fw.bin")
                    .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(image)))
                    .status()).isEqualTo(201);
            assertThat(server.api().post("/api/v1/endpoints/console-fw/firmware", Map.of("file", "console-fw.bin")).status())
                    .isEqualTo(202);
            browser.awaitText(By.id("device-firmware"), "succeeded");
            assertThat(browser.await(By.id("device-firmware")).getText()).contains("console-fw.bin")
                    .contains("Firmware updated successfully");
            assertThat(browser.await(By.cssSelector("#device-firmware a[href='#/firmware']")).isDisplayed()).isTrue();
        }
    }

    /** Clicks with the button in the middle of the window, clear of the sticky navigation bar. */
    private static void click(ConsoleBrowser browser, By by) {
        browser.script("arguments[0].scrollIntoView({block: 'center'})", browser.await(by));
        browser.click(by);
    }

    /** A resource of /3/0 the registry defines but the device's Discover did not list (dimmed on the page). */
    private static String missingDeviceResource(ConsoleBrowser browser) {
        return (String) browser.until(d -> browser.script(
                "var n = document.querySelector('[data-path^=\"/3/0/\"].absent [data-action=read]');"
                        + " return n && n.closest('[data-path]').dataset.path;"));
    }

    private static By node(String path) {
        return By.cssSelector("[data-path='" + path + "']");
    }

    private static By head(String path) {
        return By.cssSelector("[data-path='" + path + "'] > .head");
    }

    private static By in(String path, String css) {
        return By.cssSelector("[data-path='" + path + "'] " + css);
    }

    private static By action(String path, String action) {
        return in(path, "[data-action='" + action + "']");
    }
}
