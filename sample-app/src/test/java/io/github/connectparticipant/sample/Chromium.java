package io.github.connectparticipant.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and
 * {@code chromium-driver} (which {@code .ci/run} installs), driven by Selenium with the
 * driver's path given, so nothing is ever downloaded. Without them the tests are skipped
 * on a developer's machine and fail on CI ({@code CI=true}).
 */
final class Chromium implements AutoCloseable {

	static final Path BINARY = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriverService service;

	private final WebDriver browser;

	private Chromium(ChromeDriverService service, WebDriver browser) {
		this.service = service;
		this.browser = browser;
	}

	/**
	 * Start a browser with its profile and downloads under a directory.
	 * @param directory where the profile and downloads go
	 * @param downloads where downloaded files go
	 * @return the browser
	 */
	static Chromium start(Path directory, Path downloads) throws IOException {
		boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
		String missing = "Debian's chromium and chromium-driver are not installed (.ci/run installs them: "
				+ "apt-get install -y chromium chromium-driver)";
		if ("true".equals(System.getenv("CI"))) {
			// on CI the browser test must run: .ci/run installs the browser first
			assertThat(installed).as(missing).isTrue();
		}
		assumeTrue(installed, missing);
		// never let Selenium Manager look for, or download, a browser or driver
		System.setProperty("SE_OFFLINE", "true");
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
		Path profile = Files.createDirectories(directory.resolve("profile"));
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile, "--window-size=1000,1150");
		options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
				"download.prompt_for_download", false, "download.directory_upgrade", true));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		try {
			return new Chromium(service, new ChromeDriver(service, options));
		}
		catch (RuntimeException ex) {
			service.stop();
			throw ex;
		}
	}

	WebDriver browser() {
		return this.browser;
	}

	/**
	 * Keep a screenshot of the page.
	 * @param file where
	 */
	void screenshot(Path file) throws IOException {
		Path shot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.createDirectories(file.getParent());
		Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void close() {
		try {
			this.browser.quit();
		}
		finally {
			this.service.stop();
		}
	}

}
