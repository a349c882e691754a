package io.github.connectparticipant.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page at {@code /} in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs), driven by Selenium with the
 * driver's path given, so nothing is ever downloaded: start a chat, send a message,
 * upload a file, see it listed as APPROVED, download it. The screenshot is kept at
 * {@code target/browser/sample-app.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BrowserIntegrationTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOT = Path.of("target", "browser", "sample-app.png");

	private static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	ConnectParticipantEmulator emulator;

	@TempDir
	Path temp;

	ChromeDriverService service;

	WebDriver browser;

	Path downloads;

	@BeforeEach
	void startBrowser() throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		String missing = "Debian's chromium and chromium-driver are not installed (.ci/run installs them: "
				+ "apt-get install -y chromium chromium-driver)";
		if ("true".equals(System.getenv("CI"))) {
			// on CI the browser test must run: .ci/run installs the browser first
			assertThat(installed).as(missing).isTrue();
		}
		assumeTrue(installed, missing);
		// never let Selenium Manager look for, or download, a browser or driver
		System.setProperty("SE_OFFLINE", "true");
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		this.downloads = Files.createDirectories(this.temp.resolve("downloads"));
		Path profile = Files.createDirectories(this.temp.resolve("profile"));
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile, "--window-size=1000,1150");
		options.setExperimentalOption("prefs", Map.of("download.default_directory", this.downloads.toString(),
				"download.prompt_for_download", false, "download.directory_upgrade", true));
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(this.service, options);
		this.emulator.updateSettings((settings) -> settings.scanDelay(Duration.ofMillis(2500)));
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.service != null) {
			this.service.stop();
		}
		this.emulator.updateSettings((settings) -> settings.scanDelay(Duration.ZERO));
	}

	@Test
	void startsAChatSendsAMessageUploadsAndDownloadsAFile() throws IOException {
		WebDriverWait wait = new WebDriverWait(this.browser, WAIT);
		this.browser.get("http://localhost:" + this.port + "/");
		assertThat(this.browser.getTitle()).isEqualTo("Connect Participant sample");

		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("display-name"))).sendKeys("Ada Lovelace");
		this.browser.findElement(By.id("start-button")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat")));
		assertThat(this.browser.findElement(By.id("chat-title")).getText()).isEqualTo("Chat with Ada Lovelace");
		String contactId = wait.until((driver) -> {
			String text = driver.findElement(By.id("contact-id")).getText();
			return text.isBlank() ? null : text;
		});

		// an agent answers through the emulator; the page shows it on its next refresh
		this.emulator.addMessage(contactId, "AGENT", "Sam", "Hi Ada, Sam here. Can you send the order confirmation?");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Sam here"));

		this.browser.findElement(By.id("message")).sendKeys("Of course, here it is.");
		this.browser.findElement(By.id("send-button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Of course, here it is."));

		byte[] content = "Order 1234\nTwo boxes, shipped on Monday.\n".getBytes(StandardCharsets.UTF_8);
		Path file = Files.write(this.temp.resolve("order-confirmation.txt"), content);
		this.browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
		this.browser.findElement(By.id("upload-button")).click();

		By status = By.cssSelector(".file[data-name='order-confirmation.txt'] .status");
		wait.until(ExpectedConditions.textToBe(status, "APPROVED"));
		WebElement download = this.browser
			.findElement(By.cssSelector(".file[data-name='order-confirmation.txt'] a.download"));
		assertThat(download.getAttribute("href")).contains("/api/chats/").contains("/attachments/");
		assertThat(this.browser.findElement(By.id("error")).isDisplayed()).isFalse();
		screenshot();

		download.click();
		Path downloaded = this.downloads.resolve("order-confirmation.txt");
		new FluentWait<>(downloaded).withTimeout(WAIT)
			.pollingEvery(Duration.ofMillis(100))
			.until((path) -> Files.isRegularFile(path) && sizeOf(path) == content.length);
		assertThat(downloaded).hasBinaryContent(content);
	}

	private void screenshot() throws IOException {
		Path shot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.createDirectories(SCREENSHOT.getParent());
		Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
	}

	private static long sizeOf(Path path) {
		try {
			return Files.size(path);
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
