package org.jvirt.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromium-driver (Selenium from Java; no browser or driver is
 * downloaded). Screenshots go to target/screenshots/.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final Path profile;

    Browser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed (scripts/setup-test-deps.sh)");
        profile = Files.createTempDirectory("jvirt-web-chromium");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,960", "--user-data-dir=" + profile, "--no-first-run",
                "--disable-background-networking", "--disable-component-update");
        ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(svc, o);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
    }

    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    Path screenshot(String name) throws Exception {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path to = SHOTS.resolve(name + ".png");
        Files.copy(f.toPath(), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return to;
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    @Override
    public void close() throws java.io.IOException {
        try {
            driver.quit();
        } finally {
            try (var s = Files.walk(profile)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
