package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS's own chat client, amazon-connect-chatjs (pinned in {@code src/test/chatjs}), as a
 * Connect customer against the emulator in Node: it connects, hears an agent's message,
 * sees its own message echoed, sends an attachment and hears its verdict, hears typing
 * and a read receipt, reconnects after the emulator drops its socket (with 1001, and with
 * no close frame) and hears the chat's end. The script reports each step; the emulator's
 * side is checked here.
 */
class ChatJsConformanceIntegrationTests {

	private static final Path PROJECT = Path.of("src", "test", "chatjs");

	private static final List<String> STEPS = List.of("connect", "agent-message", "send-message-echoed",
			"attachment-verdict", "typing", "receipt", "reconnect-after-1001", "reconnect-after-abrupt-drop",
			"chat-ended");

	@RegisterExtension
	static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();

	@Test
	void chatJsTalksToTheEmulatorAsACustomer() throws Exception {
		assertThat(PROJECT.resolve("node_modules/amazon-connect-chatjs/package.json"))
			.as("ChatJS installed: run `npm ci` in emulator/src/test/chatjs (the build does when node_modules is missing)")
			.exists();
		assertThat(Files.readString(PROJECT.resolve("node_modules/amazon-connect-chatjs/package.json")))
			.as("the installed ChatJS is the pinned one; run `npm ci` in emulator/src/test/chatjs")
			.contains("\"version\": \"" + pinnedChatJsVersion() + "\"");
		StartedChat chat = emulator.emulator().startChat("Ada");

		List<String> output = runScript(chat);

		assertThat(output).as(String.join("\n", output)).noneMatch((line) -> line.startsWith("FAIL"));
		assertThat(output.stream().filter((line) -> line.startsWith("ok ")).map((line) -> line.substring(3)))
			.as(String.join("\n", output))
			.containsExactlyElementsOf(STEPS);

		JsonNode state = EmulatorHttp.contactState(emulator.baseUri(), chat.contactId());
		List<JsonNode> items = new ArrayList<>();
		state.path("items").forEach(items::add);
		assertThat(items).anySatisfy((item) -> {
			assertThat(item.path("Content").asString()).isEqualTo("Hi Sam");
			assertThat(item.path("ParticipantRole").asString()).isEqualTo("CUSTOMER");
		});
		assertThat(items).anySatisfy((item) -> {
			assertThat(item.path("Attachments").path(0).path("AttachmentName").asString()).isEqualTo("note.txt");
			assertThat(item.path("Attachments").path(0).path("Status").asString()).isEqualTo("APPROVED");
		});
		assertThat(items).anySatisfy((item) -> {
			assertThat(item.path("Content").asString()).isEqualTo("Hello from Sam");
			JsonNode receipt = item.path("MessageMetadata").path("Receipts").path(0);
			assertThat(receipt.path("RecipientParticipantId").asString()).isEqualTo(chat.participantId());
			assertThat(receipt.has("ReadTimestamp")).as("ChatJS's read receipt").isTrue();
		});
		assertThat(items.get(items.size() - 1).path("ContentType").asString())
			.isEqualTo("application/vnd.amazonaws.connect.event.chat.ended");

		List<JsonNode> sockets = new ArrayList<>();
		state.path("sockets").forEach(sockets::add);
		assertThat(sockets).hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy((socket) -> assertThat(socket.has("subscribedAt")).isTrue())
			.noneSatisfy((socket) -> assertThat(socket.path("open").asBoolean()).isTrue());
		assertThat(sockets).extracting((socket) -> socket.path("closeCode").asInt()).contains(1001, 1006);
	}

	private static List<String> runScript(StartedChat chat) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("node", "conformance.js").directory(PROJECT.toFile())
			.redirectErrorStream(true);
		builder.environment().put("EMULATOR_URL", emulator.baseUri().toString());
		builder.environment().put("CONTACT_ID", chat.contactId());
		builder.environment().put("PARTICIPANT_ID", chat.participantId());
		builder.environment().put("PARTICIPANT_TOKEN", chat.participantToken());
		Process process = builder.start();
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("ChatJS did not finish in 3 minutes:\n" + output.getNow(""));
		}
		return output.join().lines().toList();
	}

	private static String read(InputStream in) {
		try (in) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(output unreadable: " + ex.getMessage() + ")";
		}
	}

	private static String pinnedChatJsVersion() throws IOException {
		JsonNode manifest = SocketClient.JSON.readTree(Files.readString(PROJECT.resolve("package.json")));
		return manifest.path("dependencies").path("amazon-connect-chatjs").asString();
	}

}
