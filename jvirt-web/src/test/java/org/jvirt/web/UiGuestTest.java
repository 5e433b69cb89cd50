package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.DomainStatsRecord;
import org.jvirt.flags.DomainStatsType;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * One real TCG guest in the browser: the serial console page (xterm.js) shows the guest's READY line, the noVNC
 * page shows its screen (the canvas holds many colours; it changes when the guest prints), the VM page's graphs
 * draw from the bulk statistics; /metrics agrees with the bulk statistics of the same guest.
 */
class UiGuestTest {

    @Test
    @Timeout(300)
    void serialNoVncGraphsAndMetrics() throws Exception {
        try (GuestWeb g = new GuestWeb(); Browser b = new Browser()) {
            g.startPaused();
            b.driver.get(g.web.uri("/#/serial/" + g.name).toString());
            b.waiting(20).until(ExpectedConditions.attributeToBe(By.id("serial-status"), "data-state", "connected"));
            g.resume();
            b.waiting(120).until(d -> String.valueOf(b.js("return window.jvirtSerialText")).contains(g.readyLine()));
            b.waiting(10).until(d -> d.findElement(By.cssSelector("#terminal .xterm-rows")).getText()
                    .contains("TESTGUEST-READY"));
            b.screenshot("10-serial-console");

            b.driver.get(g.web.uri("/#/vnc/" + g.name).toString());
            b.waiting(30).until(ExpectedConditions.attributeToBe(By.id("vnc-status"), "data-state", "connected"));
            b.waiting(30).until(d -> colours(b) > 1);
            b.screenshot("11-novnc-screen");
            BufferedImage shot = ImageIO.read(b.screenshot("11-novnc-screen").toFile());
            var r = b.driver.findElement(By.id("screen")).getRect();
            BufferedImage screen = shot.getSubimage(r.getX(), r.getY(), Math.min(r.getWidth(), shot.getWidth()
                    - r.getX()), Math.min(r.getHeight(), shot.getHeight() - r.getY()));
            assertTrue(distinct(screen) > 1, "the guest's screen in the screenshot is not blank");
            // the guest clears its VGA console (tty0), then prints on it: the screen in the browser follows
            int inkFull = ink(b);
            var con = g.web.post("/api/v1/domains/" + g.name + "/console/serial").json().get("path").asText();
            ConsoleGuestTest.Bytes out = new ConsoleGuestTest.Bytes();
            var ws = ConsoleGuestTest.open(g.web, con, out);
            ws.sendText("printf '\\033[H\\033[2J' > /dev/tty0\r", true).get();
            b.waiting(30).until(d -> ink(b) < inkFull / 4);
            int inkCleared = ink(b);
            ws.sendText("for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo JVIRT-WEB-SCREEN-LINE-$i"
                    + "-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX > /dev/tty0; done\r", true).get();
            b.waiting(30).until(d -> ink(b) > inkCleared + 2000);
            ws.abort();
            b.screenshot("12-novnc-screen-after-print");
            System.out.printf("noVNC canvas ink: boot text %d, cleared %d, printed %d%n", inkFull, inkCleared, ink(b));

            b.driver.get(g.web.uri("/#/vm/" + g.name).toString());
            b.waiting(30).until(d -> points(b, "graph-cpu") >= 3 && points(b, "graph-mem") >= 3);
            b.screenshot("13-vm-detail-graphs");
            assertTrue(inkOf(b, "graph-cpu") > 50, "the CPU graph drew");

            List<DomainStatsRecord> s0 = g.web.server.connection().getAllDomainStats(
                    EnumSet.noneOf(DomainStatsType.class));
            PromText m = PromText.parse(g.web.get("/metrics").body());
            List<DomainStatsRecord> s1 = g.web.server.connection().getAllDomainStats(
                    EnumSet.noneOf(DomainStatsType.class));
            Map<String, Object> p0 = s0.get(0).params();
            Map<String, Object> p1 = s1.get(0).params();
            Map<String, String> dom = Map.of("domain", g.name);
            double cpu = m.value("libvirt_domain_info_cpu_time_seconds_total", dom);
            // the driver reads CPU time at scheduler-tick granularity, summed over QEMU's threads (which come and
            // go): allow a little slack around the two bulk calls that bracket the scrape
            assertTrue(cpu >= num(p0, "cpu.time") / 1e9 - 0.1 && cpu <= num(p1, "cpu.time") / 1e9 + 0.1,
                    cpu + " between the two bulk calls: " + p0.get("cpu.time") + " " + p1.get("cpu.time"));
            assertEquals(1.0, m.value("libvirt_domain_info_vstate", dom));
            assertEquals(num(p0, "vcpu.current"), m.value("libvirt_domain_info_virtual_cpus", dom));
            if (p0.containsKey("balloon.maximum")) {
                assertEquals(num(p0, "balloon.maximum") * 1024,
                        m.value("libvirt_domain_info_maximum_memory_bytes", dom));
            }
            double vcpuTime = m.value("libvirt_domain_vcpu_time_seconds_total", Map.of("domain", g.name, "vcpu", "0"));
            // per-thread CPU time is read by the driver at scheduler-tick granularity: allow one tick's slack
            assertTrue(vcpuTime >= num(p0, "vcpu.0.time") / 1e9 - 0.05 && vcpuTime <= num(p1, "vcpu.0.time") / 1e9
                    + 0.05, vcpuTime + " " + p0 + " " + p1);
        }
    }

    private static double num(Map<String, Object> p, String k) {
        return ((Number) p.get(k)).doubleValue();
    }

    /** Pixels of the noVNC canvas that are not black (text on the VGA console). */
    private static int ink(Browser b) {
        Object n = b.js("const c = document.querySelector('#screen canvas'); if (!c || !c.width) return 0;"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let k = 0;"
                + " for (let i = 0; i < d.length; i += 4) if (d[i] + d[i+1] + d[i+2] > 96) k++; return k;");
        return ((Number) n).intValue();
    }

    private static int colours(Browser b) {
        Object n = b.js("const c = document.querySelector('#screen canvas'); if (!c || !c.width) return 0;"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; const s = new Set();"
                + " for (let i = 0; i < d.length; i += 4 * 13) s.add((d[i] << 16) | (d[i+1] << 8) | d[i+2]);"
                + " return s.size;");
        return ((Number) n).intValue();
    }

    private static int points(Browser b, String id) {
        Object v = b.js("const c = document.getElementById(arguments[0]); return c ? Number(c.dataset.points || 0) : 0;",
                id);
        return ((Number) v).intValue();
    }

    private static int inkOf(Browser b, String id) {
        Object v = b.js("const c = document.getElementById(arguments[0]); const d = c.getContext('2d')"
                + ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + " for (let i = 0; i < d.length; i += 4) if (d[i+3] > 0) n++; return n;", id);
        return ((Number) v).intValue();
    }

    private static int distinct(BufferedImage img) {
        Set<Integer> s = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                s.add(img.getRGB(x, y));
            }
        }
        return s.size();
    }
}
