package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The web UI in real headless Firefox ESR (WebDriver BiDi, real mouse and keyboard input) against the test
 * driver: the list loads with live events, the start and stop buttons change the state, a change by another
 * client arrives through the events websocket, Tab and Enter reach the host page, the wizard defines a VM, the
 * storage and network pages act. Screenshots {@code firefox-*.png} in target/screenshots/.
 */
class UiFirefoxTest {

    private static String state(String dom) {
        return "(() => { const e = document.querySelector(\"tr[data-domain='" + dom + "'] .state\");"
                + " return e ? e.dataset.state : null; })()";
    }

    @Test
    @Timeout(240)
    void listActionsKeyboardWizardStorageNetworks() throws Exception {
        try (WebFixture w = new WebFixture("test:///default"); Firefox f = new Firefox()) {
            w.postJson("/api/v1/domains", "{\"name\": \"fx2\", \"type\": \"test\", \"memoryMiB\": 256}");
            f.navigate(w.uri("/#/vms").toString());
            f.waitFor("document.body.dataset.events", "on"::equals, 30);
            f.waitFor("document.getElementById('main').dataset.loaded", "2"::equals, 30);
            assertEquals("running", f.string(state("test")));
            assertEquals("shutoff", f.string(state("fx2")));
            f.screenshot("firefox-01-vm-list");

            f.click("tr[data-domain='fx2'] button[data-action='start']");
            f.waitFor(state("fx2"), "running"::equals, 20);
            f.click("tr[data-domain='test'] button[data-action='destroy']");
            f.waitFor(state("test"), "shutoff"::equals, 20);
            w.post("/api/v1/domains/fx2/suspend"); // another client: only the events websocket tells the page
            f.waitFor(state("fx2"), "paused"::equals, 20);
            f.screenshot("firefox-02-vm-list-after-actions");

            // the keyboard alone: from the top of the page, Tab until the host link has the focus, Enter follows it
            f.evaluate("document.activeElement.blur()");
            for (int i = 0; i < 30 && !"nav-host".equals(f.string("document.activeElement.id")); i++) {
                f.keys(Firefox.TAB);
            }
            assertEquals("nav-host", f.string("document.activeElement.id"));
            f.keys(Firefox.ENTER);
            f.waitFor("(document.getElementById('host-domains') || {}).textContent", t -> t.contains("of 2"), 20);
            f.screenshot("firefox-03-host");

            f.navigate(w.uri("/#/new").toString());
            f.waitFor("document.getElementById('wizard') ? 'yes' : 'no'", "yes"::equals, 20);
            f.click("#w-name");
            f.keys("fromfirefox");
            f.evaluate("(() => { const s = document.getElementById('w-disk');"
                    + " s.value = [...s.options].find(o => o.text === 'a path…').value;"
                    + " s.dispatchEvent(new Event('change', {bubbles: true})); })()");
            f.click("#w-path");
            f.keys("/var/lib/jvirt/images/fromfirefox.qcow2");
            f.screenshot("firefox-04-wizard");
            f.click("#wizard button[type='submit']");
            f.waitFor("location.hash", "#/vm/fromfirefox"::equals, 20);
            f.waitFor("String(document.querySelectorAll('#vm-devices tr').length)", n -> Integer.parseInt(n) >= 2, 20);
            String xml = w.get("/api/v1/domains/fromfirefox/xml").body();
            assertTrue(xml.contains("/var/lib/jvirt/images/fromfirefox.qcow2"), xml);
            f.screenshot("firefox-05-vm-detail-new");

            f.navigate(w.uri("/#/storage").toString());
            f.waitFor("document.getElementById('vn-default-pool') ? 'yes' : 'no'", "yes"::equals, 20);
            f.click("#vn-default-pool");
            f.keys("fx.img" + Firefox.ENTER);
            f.waitFor("document.querySelector(\"tr[data-volume='fx.img']\") ? 'yes' : 'no'", "yes"::equals, 20);
            f.screenshot("firefox-06-storage");

            f.navigate(w.uri("/#/networks").toString());
            f.waitFor("document.querySelector(\"tr[data-network='default']\") ? 'yes' : 'no'", "yes"::equals, 20);
            f.click("tr[data-network='default'] button");
            f.waitFor("(document.querySelector(\"tr[data-network='default'] td:nth-child(2)\") || {}).textContent",
                    "no"::equals, 20);
            f.screenshot("firefox-07-networks");
            assertEquals(false, w.get("/api/v1/networks/default").json().get("active").asBoolean());

            assertEquals("[]", f.string("JSON.stringify(window.__errors || [])"));
        }
    }
}
