package io.github.connectparticipant.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ByteArrayResource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which hosts the SSRF guard lets pre-signed URL requests go to, decided on the URL's
 * text; and that a redirect from an accepted host is never followed.
 */
@Timeout(30)
class PresignedUrlGuardTests {

	private static final URI EMULATOR = URI.create("http://127.0.0.1:4566");

	private static final String QUERY = "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=0123456789abcdefSECRET";

	private final PresignedUrlGuard derived = PresignedUrlGuard.of(Region.US_WEST_2, EMULATOR, List.of());

	private HttpServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"https://amazon-connect-0123456789ab.s3.us-west-2.amazonaws.com/connect/i/Attachments/chat/a",
			"https://amazon-connect-0123456789ab.s3.amazonaws.com/connect/a",
			"https://s3.us-west-2.amazonaws.com/bucket/a", "https://s3.amazonaws.com/bucket/a",
			"https://bucket.s3.dualstack.us-west-2.amazonaws.com/a", "https://bucket.s3-us-west-2.amazonaws.com/a",
			"https://bucket.s3-fips.us-west-2.amazonaws.com/a", "https://bucket.with.dots.s3.us-west-2.amazonaws.com/a",
			"https://bucket.s3.us-west-2.amazonaws.com:443/a", "https://BUCKET.S3.US-WEST-2.AMAZONAWS.COM/a",
			"https://bucket.s3.us-west-2.amazonaws.com./a", "HTTPS://bucket.s3.us-west-2.amazonaws.com/a",
			"http://127.0.0.1:4566/attachments/c/a", "https://127.0.0.1:4566/attachments/c/a" })
	void acceptsTheRegionsS3HostsAndTheEndpointOverride(String url) {
		assertThat(this.derived.check(url + QUERY, ParticipantOperation.UPLOAD_OBJECT))
			.isEqualTo(URI.create(url + QUERY));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example/a|'evil.example' is not an expected host",
			"http://evil.example/a|plain http is accepted only to the SDK client's endpoint override",
			"http://bucket.s3.us-west-2.amazonaws.com/a|plain http is accepted only",
			"https://s3.amazonaws.com@evil.example/a|user information before its host 'evil.example'",
			"https://user:password@bucket.s3.us-west-2.amazonaws.com/a|user information",
			"https://169.254.169.254/latest/meta-data/|'169.254.169.254' (an IP address) is not an expected host",
			"https://52.218.0.1/bucket/a|(an IP address)", "https://[::1]/a|'[::1]' (an IP address)",
			"http://127.0.0.1:8080/admin|plain http is accepted only",
			"https://127.0.0.1/a|'127.0.0.1' (an IP address) is not an expected host",
			"http://localhost:4566/attachments/c/a|plain http is accepted only",
			"https://bucket.s3.eu-west-1.amazonaws.com/a|'bucket.s3.eu-west-1.amazonaws.com' is not an expected host",
			"https://s3.us-west-2.amazonaws.com.evil.example/a|'s3.us-west-2.amazonaws.com.evil.example' is not",
			"https://evils3.us-west-2.amazonaws.com/a|'evils3.us-west-2.amazonaws.com' is not",
			"https://bucket.s3.us-west-2.amazonaws.com:8443/a|port 8443 is not an expected host",
			"file:///etc/passwd|not an absolute http or https URL", "ftp://bucket.s3.amazonaws.com/a|not an absolute",
			"/attachments/c/a|not an absolute", "https://bucket_name.s3.us-west-2.amazonaws.com/a|no valid host name",
			"https://bucket.s3.us-west-2.amazonaws.com/a b|not a valid URL" })
	void refusesEverythingElseNamingTheHostButNeverTheUrl(String urlAndReason) {
		String url = urlAndReason.substring(0, urlAndReason.indexOf('|'));
		String reason = urlAndReason.substring(urlAndReason.indexOf('|') + 1);
		assertThatExceptionOfType(PresignedUrlRefusedException.class)
			.isThrownBy(() -> this.derived.check(url + QUERY, ParticipantOperation.UPLOAD_OBJECT))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).startsWith("UploadObject: ")
					.contains(reason)
					.contains("Nothing was sent to it")
					.doesNotContain("SECRET")
					.doesNotContain("X-Amz-Signature")
					.doesNotContain("password")
					.doesNotContain("/a?")
					.doesNotContain("meta-data");
				assertThat(ex.getAttempts()).isZero();
				assertThat(ex.getOperation()).isEqualTo("UploadObject");
			});
	}

	@Test
	void refusedExceptionCarriesTheHost() {
		assertThatExceptionOfType(PresignedUrlRefusedException.class)
			.isThrownBy(() -> this.derived.check("https://s3.amazonaws.com@Evil.Example./a" + QUERY,
					ParticipantOperation.DOWNLOAD_OBJECT))
			.satisfies((ex) -> assertThat(ex.getHost()).isEqualTo("evil.example"));
	}

	@Test
	void derivesThePartitionsDomain() {
		PresignedUrlGuard china = PresignedUrlGuard.of(Region.CN_NORTH_1, null, List.of());
		assertThat(china.check("https://bucket.s3.cn-north-1.amazonaws.com.cn/a", ParticipantOperation.UPLOAD_OBJECT))
			.isNotNull();
		assertThatExceptionOfType(PresignedUrlRefusedException.class).isThrownBy(
				() -> china.check("https://bucket.s3.cn-north-1.amazonaws.com/a", ParticipantOperation.UPLOAD_OBJECT));
	}

	@Test
	void withoutAnEndpointOverridePlainHttpGoesNowhere() {
		PresignedUrlGuard aws = PresignedUrlGuard.of(Region.US_WEST_2, null, List.of());
		assertThatExceptionOfType(PresignedUrlRefusedException.class)
			.isThrownBy(() -> aws.check("http://127.0.0.1:4566/attachments/c/a", ParticipantOperation.UPLOAD_OBJECT))
			.withMessageContaining("and none is set");
		assertThat(aws.describe()).contains("*.s3.us-west-2.amazonaws.com").doesNotContain("127.0.0.1");
	}

	@Test
	void configuredHostsReplaceTheDerivedOnes() {
		PresignedUrlGuard configured = PresignedUrlGuard.of(Region.US_WEST_2, EMULATOR,
				List.of("files.example.test", "*.s3.eu-west-2.amazonaws.com", "minio.internal.test:9000"));
		assertThat(configured.check("https://files.example.test/a", ParticipantOperation.UPLOAD_OBJECT)).isNotNull();
		assertThat(configured.check("https://bucket.s3.eu-west-2.amazonaws.com/a", ParticipantOperation.UPLOAD_OBJECT))
			.isNotNull();
		assertThat(configured.check("https://minio.internal.test:9000/a", ParticipantOperation.UPLOAD_OBJECT))
			.isNotNull();
		for (String url : List.of("https://bucket.s3.us-west-2.amazonaws.com/a", "https://sub.files.example.test/a",
				"https://s3.eu-west-2.amazonaws.com/a", "https://minio.internal.test/a",
				"http://127.0.0.1:4566/attachments/c/a")) {
			assertThatExceptionOfType(PresignedUrlRefusedException.class).as(url)
				.isThrownBy(() -> configured.check(url, ParticipantOperation.UPLOAD_OBJECT))
				.withMessageContaining("from presignedUrlHosts: files.example.test, *.s3.eu-west-2.amazonaws.com");
		}
		PresignedUrlGuard withEmulator = PresignedUrlGuard.of(Region.US_WEST_2, EMULATOR, List.of("127.0.0.1:4566"));
		assertThat(withEmulator.check("http://127.0.0.1:4566/attachments/c/a", ParticipantOperation.UPLOAD_OBJECT))
			.isNotNull();
		assertThatExceptionOfType(PresignedUrlRefusedException.class)
			.isThrownBy(() -> PresignedUrlGuard.of(Region.US_WEST_2, null, List.of("127.0.0.1:4566"))
				.check("http://127.0.0.1:4566/attachments/c/a", ParticipantOperation.UPLOAD_OBJECT))
			.withMessageContaining("plain http is accepted only");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://files.example.test", "files.example.test/path", "*", "*.com", "*.1.2.3.4",
			"host:0", "host:99999", "host:port", "ev il.example", "*.*.example.com", "[::1" })
	void refusesConfiguredEntriesThatAreNotHosts(String entry) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PresignedUrlGuard.of(Region.US_WEST_2, null, List.of(entry)))
			.withMessageContaining("presignedUrlHosts entry '" + entry + "'");
	}

	@Test
	void aRedirectFromAnAcceptedHostIsNeverFollowed() throws IOException {
		AtomicInteger followed = new AtomicInteger();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		int port = this.server.getAddress().getPort();
		this.server.createContext("/object", (exchange) -> {
			exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
			exchange.getResponseHeaders()
				.add("Location", "http://127.0.0.1:" + port + "/stolen?X-Amz-Signature=SECRET");
			exchange.sendResponseHeaders(307, -1);
			exchange.close();
		});
		this.server.createContext("/stolen", (exchange) -> {
			followed.incrementAndGet();
			exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.start();
		URI base = URI.create("http://127.0.0.1:" + port);
		PresignedHttp http = new PresignedHttp(TestClients.http(),
				PresignedUrlGuard.of(Region.US_WEST_2, base, List.of()));
		URI url = base.resolve("/object" + QUERY);
		try (UploadContent content = UploadContent.prepare(
				AttachmentUpload.of(new ByteArrayResource("hello".getBytes(StandardCharsets.UTF_8))).withName("a.txt"),
				ConnectParticipantSettings.defaults())) {
			assertThatExceptionOfType(PresignedUrlRefusedException.class)
				.isThrownBy(() -> http.put(url, Map.of(), content, Duration.ofSeconds(5)))
				.withMessageContaining("answered with a redirect (HTTP 307) to host '127.0.0.1'")
				.withMessageNotContaining("SECRET")
				.withMessageNotContaining("stolen");
		}
		assertThatExceptionOfType(PresignedUrlRefusedException.class)
			.isThrownBy(() -> http.get(url, 0, 5, Duration.ofSeconds(5)))
			.withMessageContaining("which the library never follows");
		assertThat(followed).hasValue(0);
	}

	@Test
	void aContentThatChangesAfterItsCheckIsBrokenOffNotStoredCut() throws IOException {
		AtomicInteger stored = new AtomicInteger();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/object", (exchange) -> {
			long declared = Long.parseLong(exchange.getRequestHeaders().getFirst("Content-Length"));
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			catch (IOException ex) {
				exchange.close();
				return;
			}
			if (body.length == declared) {
				stored.incrementAndGet();
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.start();
		URI base = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		PresignedHttp http = new PresignedHttp(TestClients.http(),
				PresignedUrlGuard.of(Region.US_WEST_2, base, List.of()));
		for (int actual : new int[] { 100_000, 300_000 }) {
			ByteArrayResource lying = new ByteArrayResource(new byte[actual]) {

				@Override
				public long contentLength() {
					return 200_000;
				}

			};
			try (UploadContent content = UploadContent.prepare(AttachmentUpload.of(lying).withName("a.pdf"),
					ConnectParticipantSettings.defaults())) {
				assertThatExceptionOfType(InvalidAttachmentException.class)
					.isThrownBy(() -> http.put(base.resolve("/object"), Map.of(), content, Duration.ofSeconds(5)))
					.satisfies((ex) -> {
						assertThat(ex.getRule()).isEqualTo(InvalidAttachmentException.Rule.SIZE_MISMATCH);
						assertThat(ex.getOperation()).isEqualTo("UploadObject");
						assertThat(ex.getMessage()).contains("changed during the upload")
							.contains("nothing was stored");
					});
			}
		}
		assertThat(stored).hasValue(0);
	}

}
