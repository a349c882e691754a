package io.github.connectparticipant.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page at {@code /} in headless Chromium ({@link Chromium}): start a chat, send a
 * message, upload a file, see it listed as APPROVED, download it. What happens in the
 * chat shows up without a reload and without polling, over the page's {@code EventSource}
 * on {@code /api/chats/{chat}/events}, and the chat started by the page stays alive past
 * Amazon Connect's 5-minute subscribe rule, which the embedded emulator enforces. The
 * screenshot is kept at {@code target/browser/sample-app.png}.
 */
class BrowserIntegrationTests extends SampleAppTestSupport {

	static final Path SCREENSHOT = Path.of("target", "browser", "sample-app.png");

	private static final Duration WAIT = Duration.ofSeconds(20);

	/** How soon a pushed item must be on the page. */
	private static final Duration LIVE = Duration.ofSeconds(2);

	private static final Duration SUBSCRIBE_RULE = Duration.ofMinutes(5);

	/** Counts the page's requests for the transcript's pages: there must be none. */
	private static final String TRANSCRIPT_REQUESTS = "return performance.getEntriesByType('resource')"
			+ ".filter((entry) => entry.name.includes('/transcript')).length";

	@TempDir
	Path temp;

	Chromium chromium;

	WebDriver browser;

	Path downloads;

	@BeforeEach
	void startBrowser() throws IOException {
		this.downloads = Files.createDirectories(this.temp.resolve("downloads"));
		this.chromium = Chromium.start(this.temp, this.downloads);
		this.browser = this.chromium.browser();
		this.emulator.updateSettings((settings) -> settings.scanDelay(Duration.ofMillis(2500)));
	}

	@AfterEach
	void stopBrowser() {
		if (this.chromium != null) {
			this.chromium.close();
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

		// an agent answers through the emulator; the page shows it as it comes
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
		this.chromium.screenshot(SCREENSHOT);

		download.click();
		Path downloaded = this.downloads.resolve("order-confirmation.txt");
		new FluentWait<>(downloaded).withTimeout(WAIT)
			.pollingEvery(Duration.ofMillis(100))
			.until((path) -> Files.isRegularFile(path) && sizeOf(path) == content.length);
		assertThat(downloaded).hasBinaryContent(content);
	}

	@Test
	void anAgentsMessageAppearsWithinTwoSecondsWithoutAReload() {
		String contactId = startChat("Ada Lovelace");
		this.emulator.addMessage(contactId, "AGENT", "Sam", "Hi Ada, Sam here.");
		shownWithin(LIVE, "Hi Ada, Sam here.");
		this.emulator.addMessage(contactId, "AGENT", "Sam", "How can I help?");
		shownWithin(LIVE, "How can I help?");
		assertNoReloadNorPolling();
	}

	@Test
	void anAttachmentsStatusTurnsApprovedLive() throws IOException {
		startChat("Ada Lovelace");
		Path file = Files.write(this.temp.resolve("receipt.txt"), "Paid\n".getBytes(StandardCharsets.UTF_8));
		this.browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
		this.browser.findElement(By.id("upload-button")).click();

		By status = By.cssSelector(".file[data-name='receipt.txt'] .status");
		wait(WAIT).until(ExpectedConditions.textToBe(status, "IN_PROGRESS"));
		wait(WAIT).until(ExpectedConditions.textToBe(status, "APPROVED"));
		assertThat(this.browser.findElements(By.cssSelector(".file[data-name='receipt.txt']"))).hasSize(1);
		assertThat(this.browser.findElement(By.cssSelector(".file[data-name='receipt.txt'] a.download"))
			.getAttribute("href")).contains("/attachments/");
		assertNoReloadNorPolling();
	}

	@Test
	void thePageShowsThatTheChatEnded() {
		String contactId = startChat("Ada Lovelace");
		assertThat(this.browser.findElement(By.id("chat-ended")).isDisplayed()).isFalse();
		this.emulator.endChat(contactId);
		wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-ended")));
		assertThat(this.browser.findElement(By.id("chat-ended")).getText()).isEqualTo("The chat has ended.");
		assertThat(this.browser.findElement(By.id("send-button")).isEnabled()).isFalse();
		assertNoReloadNorPolling();
	}

	@Test
	void theChatOutlivesTheFiveMinuteSubscribeRule() {
		assertThat(this.emulator.settings().subscribeTimeout()).isEqualTo(SUBSCRIBE_RULE);
		String contactId = startChat("Ada Lovelace");
		await().atMost(WAIT).until(() -> this.emulator.subscribedSockets(contactId) > 0);
		// the same rule ends a chat nobody subscribes to
		String unsubscribed = this.emulator.startChat("Bob").contactId();

		this.emulator.advanceClock(SUBSCRIBE_RULE.plusMinutes(1));

		assertThat(chatEnded(unsubscribed)).isTrue();
		this.browser.findElement(By.id("message")).sendKeys("Still there?");
		this.browser.findElement(By.id("send-button")).click();
		shownWithin(WAIT, "Still there?");
		this.emulator.addMessage(contactId, "AGENT", "Sam", "Yes, still here.");
		shownWithin(LIVE, "Yes, still here.");
		assertThat(this.browser.findElement(By.id("error")).isDisplayed()).isFalse();
		assertThat(this.browser.findElement(By.id("chat-ended")).isDisplayed()).isFalse();
	}

	private String startChat(String name) {
		this.browser.get("http://localhost:" + this.port + "/");
		wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("display-name"))).sendKeys(name);
		this.browser.findElement(By.id("start-button")).click();
		String contactId = wait(WAIT).until((driver) -> {
			String text = driver.findElement(By.id("contact-id")).getText();
			return text.isBlank() ? null : text;
		});
		wait(WAIT).until(ExpectedConditions.textToBe(By.id("transcript-state"), "Live"));
		// a page that reloads loses this
		((JavascriptExecutor) this.browser).executeScript("window.sameDocument = true");
		return contactId;
	}

	private void shownWithin(Duration time, String text) {
		wait(time).until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), text));
	}

	private void assertNoReloadNorPolling() {
		JavascriptExecutor script = (JavascriptExecutor) this.browser;
		assertThat(script.executeScript("return window.sameDocument === true")).isEqualTo(true);
		assertThat(script.executeScript(TRANSCRIPT_REQUESTS)).isEqualTo(0L);
	}

	private boolean chatEnded(String contactId) {
		try {
			this.emulator.addMessage(contactId, "AGENT", "Sam", "Anyone?");
			return false;
		}
		catch (RuntimeException ex) {
			return ex.getMessage().contains("ended");
		}
	}

	private WebDriverWait wait(Duration time) {
		WebDriverWait wait = new WebDriverWait(this.browser, time);
		wait.pollingEvery(Duration.ofMillis(50));
		return wait;
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
