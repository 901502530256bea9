package io.lwm2mbridge.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The trigger editor against a real server and real Leshan clients: a new trigger written in the page,
 * its syntax error shown on its line (on save and while typing), then saved, started, run by a client's
 * registration (its log line and its failure shown on the page), and tried on a recorded event.
 */
class TriggerPageBrowserTest {

    static final String EDITOR = "document.querySelector('#trigger-editor .CodeMirror').CodeMirror";

    /** Line 3 does not compile: "{" where ")" belongs. */
    static final String BROKEN = String.join("\n",
            "var key = event.endpoint.key;",
            "log.info('hello ' + key);",
            "if (key === 'page-dev-2' {",
            "  null.boom = 1;",
            "}",
            "");
    /** The same fixed; line 4 fails at run time for page-dev-2. */
    static final String FIXED = BROKEN.replace("'page-dev-2' {", "'page-dev-2') {");

    @Test
    void aTriggerWrittenInThePageShowsItsSyntaxErrorOnItsLineThenRunsAndLogs() {
        try (TestServer server = TestServer.start(); ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
            // the page shows the server's refusal of the broken script; the browser logs that 400
            browser.allowError("/api/v1/triggers - Failed to load resource: the server responded with a status of 400");
            browser.go("#/triggers");
            browser.click(By.id("trigger-new"));
            browser.await(By.cssSelector("#trigger-editor .CodeMirror"));
            browser.type(By.id("trigger-name"), "greeter");
            setScript(browser, BROKEN);
            browser.click(By.id("trigger-save"));

            browser.awaitText(By.id("trigger-problem"), "line 3");
            assertThat(browser.driver().findElement(By.id("trigger-problem")).getText()).contains("Not saved");
            assertMarked(browser, 3);
            assertThat(browser.driver().getCurrentUrl()).endsWith("#/triggers/new");
            browser.screenshot("trigger-syntax.png");
            assertThat(server.api().get("/api/v1/triggers").items()).isEmpty();

            setScript(browser, FIXED);
            // the check while typing clears the problem before anything is saved
            browser.awaitText(By.id("trigger-check"), "compiles");
            browser.until(d -> !d.findElement(By.id("trigger-problem")).isDisplayed());
            assertNotMarked(browser, 3);
            browser.click(By.id("trigger-save"));
            browser.until(d -> !d.getCurrentUrl().endsWith("#/triggers/new"));
            browser.awaitText(By.id("trigger-status"), "stopped");
            String id = browser.driver().getCurrentUrl().replaceAll(".*#/triggers/", "");
            assertThat(server.api().get("/api/v1/triggers/" + id).map()).containsEntry("def", FIXED)
                    .containsEntry("enabled", false);

            browser.click(By.id("trigger-start"));
            browser.awaitText(By.id("trigger-status"), "started");
            browser.await(By.id("trigger-stop"));
            assertThat(server.api().get("/api/v1/triggers/" + id).map()).containsEntry("enabled", true);

            try (TestDevice one = TestDevice.named("page-dev-1").start(server.coapUri()).awaitRegistered();
                    TestDevice two = TestDevice.named("page-dev-2").start(server.coapUri()).awaitRegistered()) {
                browser.awaitText(By.id("trigger-logs"), "hello page-dev-1");
                browser.awaitText(By.id("trigger-logs"), "hello page-dev-2");
                // page-dev-2's run failed on line 4: listed, and a click shows the line
                browser.awaitText(By.id("trigger-errors"), "line 4");
                browser.click(By.cssSelector("#trigger-errors .trigger-error[data-line='4']"));
                assertThat(((Number) browser.script("return " + EDITOR + ".getCursor().line")).intValue()).isEqualTo(3);
                assertMarked(browser, 4);
                browser.script("window.scrollTo(0, 0)");
                browser.screenshot("trigger.png");

                // a syntax error typed into the saved trigger is shown on its line before any save
                setScript(browser, FIXED + "var broken = ;\n");
                browser.awaitText(By.id("trigger-problem"), "line 6");
                assertMarked(browser, 6);
                assertThat(browser.driver().findElement(By.id("trigger-problem")).getText()).contains("Does not compile");
                assertThat(server.api().get("/api/v1/triggers/" + id).map()).containsEntry("def", FIXED);
                setScript(browser, FIXED);
                browser.awaitText(By.id("trigger-check"), "compiles");

                // Try: a dry run of the code on page-dev-1's registration
                browser.click(By.id("trigger-try-events"));
                browser.until(d -> d.findElement(By.id("trigger-try-event")).getText().contains("page-dev-1"));
                Select events = new Select(browser.driver().findElement(By.id("trigger-try-event")));
                events.getOptions().stream().filter(o -> o.getText().contains("page-dev-1")).findFirst().orElseThrow().click();
                // the "Try on event" button beside Save runs the panel on the chosen event
                browser.click(By.id("trigger-try-top"));
                browser.awaitText(By.id("trigger-try-result"), "hello page-dev-1");
                assertThat(browser.driver().findElement(By.id("trigger-try-result")).getText()).contains("ok");
                browser.script("document.getElementById('trigger-try').scrollIntoView()");
                browser.screenshot("trigger-try.png");

                // unsaved edits: leaving by the console's own links asks first; staying keeps them
                setScript(browser, FIXED + "// not saved yet\n");
                browser.await(By.id("trigger-unsaved"));
                browser.click(By.id("nav-devices"));
                org.openqa.selenium.Alert question = browser.until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
                assertThat(question.getText()).contains("unsaved changes");
                question.dismiss();
                assertThat(browser.driver().getCurrentUrl()).endsWith("#/triggers/" + id);
                assertThat((String) browser.script("return " + EDITOR + ".getValue()")).contains("not saved yet");
                browser.click(By.id("nav-devices"));
                browser.until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent()).accept();
                browser.await(By.cssSelector("section[data-page=devices]"));
            }
        }
    }

    static void setScript(ConsoleBrowser browser, String code) {
        browser.script(EDITOR + ".setValue(arguments[0])", code);
    }

    /** Line {@code line} (1-based) carries the problem class and a marker in the problems gutter. */
    static void assertMarked(ConsoleBrowser browser, int line) {
        browser.until(d -> marked(browser, line));
    }

    static void assertNotMarked(ConsoleBrowser browser, int line) {
        assertThat(marked(browser, line)).as("line " + line + " marked").isFalse();
    }

    @SuppressWarnings("unchecked")
    static boolean marked(ConsoleBrowser browser, int line) {
        Map<String, Object> info = ConsoleBrowser.map(browser.script(
                "var i = " + EDITOR + ".lineInfo(arguments[0] - 1);"
                        + " return {bg: i.bgClass || '', gutter: !!(i.gutterMarkers && i.gutterMarkers['trigger-problems']),"
                        + " shown: [...document.querySelectorAll('#trigger-editor .trigger-problem-line')].length};", line));
        return String.valueOf(info.get("bg")).contains("trigger-problem-line") && Boolean.TRUE.equals(info.get("gutter"))
                && ((Number) info.get("shown")).intValue() > 0;
    }

    @Test
    void theListStartsStopsAndDeletesWithConfirmationAndImportsAnArray() {
        try (TestServer server = TestServer.start(); ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
            String id = server.createTrigger("listed", "lwm2m-register", "log.info('x');");
            browser.go("#/triggers");
            By row = By.cssSelector("tr[data-trigger='" + id + "']");
            browser.awaitText(row, "started");
            browser.click(By.cssSelector("tr[data-trigger='" + id + "'] .trigger-toggle"));
            browser.awaitText(row, "stopped");
            assertThat(server.api().get("/api/v1/triggers/" + id).map()).containsEntry("enabled", false);

            browser.click(By.id("trigger-import-open"));
            browser.type(By.id("trigger-import-text"), "[{\"name\": \"imported-1\", \"filterType\": \"generic\", \"filterGeneric\": \"one\","
                    + " \"def\": \"trigger.reply(1);\"}, {\"name\": \"imported-2\", \"filterType\": \"cron-event\","
                    + " \"filterCron\": \"0 0 * * * ?\", \"enabled\": false}]");
            browser.click(By.id("trigger-import"));
            browser.awaitText(By.id("trigger-rows"), "imported-2");
            assertThat(browser.driver().findElement(By.id("trigger-rows")).getText()).contains("generic: one")
                    .contains("cron-event: 0 0 * * * ?");
            browser.screenshot("triggers.png");

            browser.click(By.cssSelector("tr[data-trigger='" + id + "'] .trigger-delete"));
            browser.awaitText(row, "Delete \u201clisted\u201d?");
            assertThat(server.api().get("/api/v1/triggers/" + id).status()).isEqualTo(200);
            browser.click(By.cssSelector("tr[data-trigger='" + id + "'] .trigger-delete-confirm"));
            browser.until(d -> d.findElements(row).isEmpty());
            assertThat(server.api().get("/api/v1/triggers/" + id).status()).isEqualTo(404);
            assertThat(server.api().get("/api/v1/triggers").items()).hasSize(2);
        }
    }
}
