package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The wizard's OS-aware path in real headless Chromium against the test driver: the OS list comes from the osinfo
 * database, the install runs as the server's operation, and the page opens the new VM, defined with the OS's
 * defaults (osinfo's recommended memory, its libosinfo metadata) and the ISO as a CD-ROM.
 */
class UiInstallWizardTest {

    @Test
    @Timeout(180)
    void installsFromAnOsChosenInTheWizard() throws Exception {
        try (WebFixture w = new WebFixture("test:///default"); Browser b = new Browser()) {
            String iso = w.postJson("/api/v1/pools/default-pool/volumes", "{\"name\": \"d11.iso\", \"capacity\": 1048576}")
                    .json().get("path").asText();
            b.driver.get(w.uri("/#/new").toString());
            b.waiting(20).until(ExpectedConditions.presenceOfElementLocated(By.id("wizard")));
            b.driver.findElement(By.id("w-name")).sendKeys("fromos");
            new Select(b.driver.findElement(By.id("w-source"))).selectByValue("os");
            // the datalist fills from /api/v1/osinfo/os
            b.waiting(30).until(d -> d.findElements(By.cssSelector("#w-os-list option[value='debian11']")).size() == 1);
            b.driver.findElement(By.id("w-os")).sendKeys("debian11");
            b.driver.findElement(By.id("w-path")).sendKeys(iso);
            b.driver.findElement(By.id("w-size")).clear();
            b.driver.findElement(By.id("w-size")).sendKeys("3");
            b.screenshot("08-wizard-os");
            b.driver.findElement(By.cssSelector("#wizard button[type='submit']")).click();
            b.waiting(60).until(d -> d.getCurrentUrl().endsWith("#/vm/fromos"));
            b.waiting(20).until(ExpectedConditions.presenceOfElementLocated(By.id("vm-facts")));
            b.screenshot("09-vm-installed-from-os");

            String xml = w.get("/api/v1/domains/fromos/xml").body();
            assertTrue(xml.contains("<libosinfo:os id='http://debian.org/debian/11'/>"), xml);
            assertTrue(xml.contains("<memory unit='KiB'>1048576</memory>"), xml); // the OS's default, not the form's
            assertTrue(xml.contains("device='cdrom'") && xml.contains(iso), xml);
            var disk = w.get("/api/v1/pools/default-pool/volumes/fromos.qcow2");
            assertEquals(200, disk.status(), disk.toString());
            assertEquals(3L << 30, disk.json().get("capacity").asLong());
            assertEquals("[]", String.valueOf(b.js("return JSON.stringify(window.__errors || [])")));
        }
    }
}
