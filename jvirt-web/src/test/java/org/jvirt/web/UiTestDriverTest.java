package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web UI in real headless Chromium against the test driver: the VM list loads, start and stop buttons change
 * the state (the row follows the events websocket), the pages are reachable from the keyboard, the wizard
 * defines a VM, storage and network pages work. Screenshots of each page in target/screenshots/.
 */
class UiTestDriverTest {

    private static String state(Browser b, String dom) {
        // read in the page: rows are replaced as events arrive, so an element handle could go stale
        return String.valueOf(b.js("const e = document.querySelector(arguments[0]); return e ? e.dataset.state : null;",
                "tr[data-domain='" + dom + "'] .state"));
    }

    @Test
    @Timeout(180)
    void listActionsWizardStorageNetworks() throws Exception {
        try (WebFixture w = new WebFixture("test:///default"); Browser b = new Browser()) {
            w.postJson("/api/v1/domains", "{\"name\": \"web2\", \"type\": \"test\", \"memoryMiB\": 256}");
            b.driver.get(w.uri("/#/vms").toString());
            b.waiting(20).until(d -> "on".equals(d.findElement(By.tagName("body")).getAttribute("data-events")));
            b.waiting(20).until(ExpectedConditions.attributeToBe(By.id("main"), "data-loaded", "2"));
            assertEquals("running", state(b, "test"));
            assertEquals("shutoff", state(b, "web2"));
            b.screenshot("01-vm-list");

            b.driver.findElement(By.cssSelector("tr[data-domain='web2'] button[data-action='start']")).click();
            b.waiting(20).until(d -> state(b, "web2").equals("running"));
            b.driver.findElement(By.cssSelector("tr[data-domain='test'] button[data-action='destroy']")).click();
            b.waiting(20).until(d -> state(b, "test").equals("shutoff"));
            // a change made by another client arrives through the events websocket alone
            w.post("/api/v1/domains/web2/suspend");
            b.waiting(20).until(d -> state(b, "web2").equals("paused"));
            b.screenshot("02-vm-list-after-actions");

            // the keyboard: Tab reaches the navigation, Enter follows a link
            WebElement body = b.driver.findElement(By.tagName("body"));
            body.sendKeys(Keys.TAB);
            for (int i = 0; i < 10 && !"nav-host".equals(b.driver.switchTo().activeElement().getAttribute("id")); i++) {
                b.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            }
            assertEquals("nav-host", b.driver.switchTo().activeElement().getAttribute("id"));
            b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            b.waiting(20).until(ExpectedConditions.presenceOfElementLocated(By.id("host-facts")));
            assertTrue(b.driver.findElement(By.id("host-domains")).getText().contains("of 2"));
            b.screenshot("03-host");

            b.driver.get(w.uri("/#/new").toString());
            b.waiting(20).until(ExpectedConditions.presenceOfElementLocated(By.id("wizard")));
            b.driver.findElement(By.id("w-name")).sendKeys("fromweb");
            b.driver.findElement(By.id("w-mem")).clear();
            b.driver.findElement(By.id("w-mem")).sendKeys("384");
            new org.openqa.selenium.support.ui.Select(b.driver.findElement(By.id("w-disk"))).selectByVisibleText("a path…");
            b.driver.findElement(By.id("w-path")).sendKeys("/var/lib/jvirt/images/fromweb.qcow2");
            new org.openqa.selenium.support.ui.Select(b.driver.findElement(By.id("w-net"))).selectByValue("default");
            b.screenshot("04-wizard");
            b.driver.findElement(By.cssSelector("#wizard button[type='submit']")).click();
            b.waiting(20).until(ExpectedConditions.presenceOfElementLocated(By.id("vm-facts")));
            b.waiting(20).until(d -> d.findElements(By.cssSelector("#vm-devices tr")).size() >= 2);
            assertTrue(b.driver.getCurrentUrl().endsWith("#/vm/fromweb"), b.driver.getCurrentUrl());
            String xml = w.get("/api/v1/domains/fromweb/xml").body();
            assertTrue(xml.contains("/var/lib/jvirt/images/fromweb.qcow2") && xml.contains("<memory unit='KiB'>393216"),
                    xml);
            b.screenshot("05-vm-detail-new");

            // from an ISO: a new qcow2 volume in the chosen pool, the ISO as a CD-ROM booted first
            b.driver.get(w.uri("/#/new").toString());
            b.waiting(20).until(ExpectedConditions.presenceOfElementLocated(By.id("wizard")));
            b.driver.findElement(By.id("w-name")).sendKeys("fromiso");
            new org.openqa.selenium.support.ui.Select(b.driver.findElement(By.id("w-source"))).selectByValue("iso");
            b.driver.findElement(By.id("w-path")).sendKeys("/srv/iso/debian.iso");
            b.driver.findElement(By.id("w-size")).clear();
            b.driver.findElement(By.id("w-size")).sendKeys("2");
            b.driver.findElement(By.cssSelector("#wizard button[type='submit']")).click();
            b.waiting(20).until(d -> d.getCurrentUrl().endsWith("#/vm/fromiso"));
            String isoXml = w.get("/api/v1/domains/fromiso/xml").body();
            assertTrue(isoXml.contains("device='cdrom'") && isoXml.contains("/srv/iso/debian.iso")
                    && isoXml.contains("<boot dev='cdrom'/>"), isoXml);
            var vol = w.get("/api/v1/pools/default-pool/volumes/fromiso.qcow2");
            assertEquals(200, vol.status(), vol.toString());
            assertEquals(2L << 30, vol.json().get("capacity").asLong());
            assertTrue(isoXml.contains(vol.json().get("path").asText()), isoXml);

            b.driver.get(w.uri("/#/storage").toString());
            b.waiting(20).until(ExpectedConditions.presenceOfElementLocated(By.id("vn-default-pool")));
            b.driver.findElement(By.id("vn-default-pool")).sendKeys("ui.img");
            b.driver.findElement(By.id("vn-default-pool")).sendKeys(Keys.ENTER);
            b.waiting(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-volume='ui.img']")));
            b.screenshot("06-storage");

            b.driver.get(w.uri("/#/networks").toString());
            b.waiting(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-network='default']")));
            b.driver.findElement(By.cssSelector("tr[data-network='default'] button")).click();
            b.waiting(20).until(d -> "no".equals(b.js("const e = document.querySelector(arguments[0]);"
                    + " return e ? e.textContent : null;", "tr[data-network='default'] td:nth-child(2)")));
            b.screenshot("07-networks");
            assertEquals(false, w.get("/api/v1/networks/default").json().get("active").asBoolean());

            List<?> errors = (List<?>) b.js("return window.__errors || []");
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }
}
