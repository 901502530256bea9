package io.lwm2mbridge.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The objects pages: DDF XML pasted with a mistake is refused with the server's problem by line and
 * column, marked on that line of the paste; the corrected document loads, is listed as custom and can be
 * read and deleted from its own page.
 */
class ObjectsPageBrowserTest {

    static final String GOOD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <LWM2M>
              <Object ObjectType="MODefinition">
                <Name>Console Tank Level</Name>
                <Description1>A test object</Description1>
                <ObjectID>32769</ObjectID>
                <ObjectURN>urn:oma:lwm2m:x:32769</ObjectURN>
                <LWM2MVersion>1.1</LWM2MVersion>
                <ObjectVersion>1.0</ObjectVersion>
                <MultipleInstances>Multiple</MultipleInstances>
                <Mandatory>Optional</Mandatory>
                <Resources>
                  <Item ID="0">
                    <Name>Fill Level</Name>
                    <Operations>RW</Operations>
                    <MultipleInstances>Single</MultipleInstances>
                    <Mandatory>Mandatory</Mandatory>
                    <Type>Integer</Type>
                    <RangeEnumeration>0..100</RangeEnumeration>
                    <Units>%</Units>
                    <Description>how full</Description>
                  </Item>
                </Resources>
              </Object>
            </LWM2M>
            """;

    @Test
    void brokenXmlShowsItsProblemOnItsLineAndTheFixedOneIsListed() {
        // line 18 holds the Type; a type the DDF schema does not know is the mistake
        String broken = GOOD.replace("<Type>Integer</Type>", "<Type>Integr</Type>");
        assertThat(broken.lines().toList().get(17)).contains("Integr");
        try (TestServer server = TestServer.start(); ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
            browser.allowError("400"); // the refused upload
            browser.driver().manage().window().setSize(new Dimension(1400, 1000));
            browser.go("#/objects");
            browser.await(By.cssSelector("tr[data-object-id='3303']"));

            paste(browser, broken);
            browser.click(By.id("object-upload"));
            WebElement problem = browser.awaitText(By.cssSelector("#object-problems li"), "line 18");
            assertThat(problem.getText()).contains("column").contains("Integr");
            assertThat(problem.getAttribute("data-line")).isEqualTo("18");
            // the line is marked in the paste's gutter, and nothing was loaded
            List<WebElement> marked = browser.driver().findElements(By.cssSelector("#object-upload-panel .gutter .bad"));
            assertThat(marked).extracting(WebElement::getText).containsExactly("18");
            assertThat(browser.driver().findElements(By.cssSelector("tr[data-object-id='32769']"))).isEmpty();
            // a click on the problem selects that line in the paste
            problem.click();
            assertThat(browser.script("const x = document.getElementById('object-xml');"
                    + " return x.value.slice(x.selectionStart, x.selectionEnd)")).asString().contains("Integr");
            browser.screenshot("objects-problems.png");

            paste(browser, GOOD);
            browser.click(By.id("object-upload"));
            browser.awaitText(By.id("object-upload-status"), "Loaded");
            assertThat(browser.driver().findElement(By.id("object-problems")).isDisplayed()).isFalse();
            browser.type(By.id("objects-search"), "tank");
            // the list is drawn again once the upload's reload arrives, marking what it loaded
            WebElement row = browser.await(By.cssSelector("tr.fresh[data-object-id='32769']"));
            assertThat(row.getText()).contains("Console Tank Level").contains("custom").contains("1.0");
            assertThat(browser.driver().findElements(By.cssSelector("#object-rows tr"))).hasSize(1);
            browser.screenshot("objects.png");

            // its own page: the resources as scripts see them, the XML, and a delete that empties the list
            row.findElement(By.tagName("a")).click();
            WebElement resource = browser.await(By.cssSelector("#object-resources tr[data-resource-id='0']"));
            assertThat(resource.getText()).contains("Fill Level").contains("Integer").contains("RW").contains("fill_level_0");
            browser.click(By.id("object-show-xml"));
            browser.awaitText(By.id("object-xml-view"), "<ObjectID>32769</ObjectID>");
            browser.screenshot("object.png");
            browser.script("window.confirm = () => true");
            browser.click(By.id("object-delete"));
            browser.await(By.cssSelector("section[data-page=objects]"));
            browser.type(By.id("objects-search"), "32769");
            browser.awaitText(By.id("object-rows"), "No definition matches");
        }
    }

    /** Types the document into the paste box as a user would (the box keeps what is typed as is). */
    private static void paste(ConsoleBrowser browser, String xml) {
        WebElement box = browser.await(By.id("object-xml"));
        browser.script("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'))", box);
        box.sendKeys(xml);
        assertThat(box.getDomProperty("value")).isEqualTo(xml);
    }
}
