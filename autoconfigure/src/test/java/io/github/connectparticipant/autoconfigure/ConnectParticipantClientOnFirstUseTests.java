package io.github.connectparticipant.autoconfigure;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClientBuilder;
import software.amazon.awssdk.utils.AttributeMap;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.autoconfigure.chat.ChatSessionsAutoConfiguration;
import io.github.connectparticipant.autoconfigure.emulator.ConnectParticipantEmulatorAutoConfiguration;
import io.github.connectparticipant.chat.ChatSessions;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The SDK client is built by the first call that needs it, not at start-up: the beans
 * that take it hold Spring's lazy-resolution proxy. The calls go over HTTP to the
 * embedded emulator.
 */
class ConnectParticipantClientOnFirstUseTests {

	private static final String CLIENT = "connectParticipantClient";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectParticipantEmulatorAutoConfiguration.class,
				ConnectParticipantAutoConfiguration.class, ChatSessionsAutoConfiguration.class))
		.withPropertyValues("connect.participant.emulator.enabled=true")
		.withBean(BuildRecorder.class);

	@Test
	void everyBeanStartsWithoutBuildingTheClient() {
		this.runner.run((context) -> {
			for (Class<?> type : List.of(AttachmentService.class, TranscriptService.class,
					ParticipantConnectionFactory.class, ChatSessions.class)) {
				assertThat(context).hasSingleBean(type);
			}
			assertThat(context.getBean(BuildRecorder.class).builds).as("customizer calls").hasValue(0);
			assertThat(context.getBeanFactory().containsSingleton(CLIENT)).isFalse();
		});
	}

	@Test
	void theFirstCallBuildsTheClientOnceForEveryBean() {
		this.runner.run((context) -> {
			BuildRecorder recorder = context.getBean(BuildRecorder.class);
			ConnectParticipantEmulator emulator = context.getBean(ConnectParticipantEmulator.class);
			ParticipantConnection connection = context.getBean(ParticipantConnectionFactory.class)
				.fromParticipantToken(emulator.startChat("Ada").participantToken());
			assertThat(recorder.builds).hasValue(0);
			assertThat(context.getBean(TranscriptService.class).page(connection, TranscriptQuery.newestFirst()).items())
				.extracting(TranscriptItem::displayName)
				.contains("Ada");
			assertThat(recorder.builds).as("built by the first call").hasValue(1);
			byte[] content = "on first use".getBytes(StandardCharsets.UTF_8);
			Attachment sent = context.getBean(AttachmentService.class)
				.upload(connection, AttachmentUpload.of(new ByteArrayInputStream(content), content.length, "note.txt"));
			assertThat(sent.name()).isEqualTo("note.txt");
			assertThat(recorder.builds).as("the same client for every bean").hasValue(1);
			assertThat(emulator.requestCount("CreateParticipantConnection")).isEqualTo(1);
			assertThat(context.getBean(ConnectParticipantClient.class).serviceClientConfiguration().endpointOverride())
				.hasValue(emulator.baseUri());
		});
	}

	@Test
	void theClientIsClosedWithTheContextOnlyWhenItWasBuilt() {
		AtomicReference<BuildRecorder> unused = new AtomicReference<>();
		this.runner.run((context) -> unused.set(context.getBean(BuildRecorder.class)));
		assertThat(unused.get().builds).as("built by the close").hasValue(0);
		AtomicReference<BuildRecorder> used = new AtomicReference<>();
		this.runner.run((context) -> {
			used.set(context.getBean(BuildRecorder.class));
			context.getBean(ConnectParticipantClient.class);
			assertThat(used.get().closes).hasValue(0);
		});
		assertThat(used.get().builds).hasValue(1);
		assertThat(used.get().closes).as("closed with the context").hasValue(1);
	}

	@Test
	void theTimersOfAnEndedCallAreDroppedAndStopWithTheContext() {
		AtomicReference<ScheduledThreadPoolExecutor> timers = new AtomicReference<>();
		this.runner.run((context) -> {
			ConnectParticipantEmulator emulator = context.getBean(ConnectParticipantEmulator.class);
			ParticipantConnection connection = context.getBean(ParticipantConnectionFactory.class)
				.fromParticipantToken(emulator.startChat("Ada").participantToken());
			for (int i = 0; i < 5; i++) {
				context.getBean(TranscriptService.class).page(connection, TranscriptQuery.newestFirst());
			}
			Duration attemptTimeout = context.getBean(ConnectParticipantSettings.class).attemptTimeout();
			timers.set(context.getBean(ConnectParticipantAutoConfiguration.ClientConfiguration.class)
				.timeouts(attemptTimeout));
			assertThat(timers.get().getLargestPoolSize()).as("threads of the timers the calls set").isPositive();
			// what is left is the task that keeps the head of the queue, due before
			// any call's timer
			assertThat(timers.get().getQueue()).as("timers of the ended calls").singleElement().satisfies((head) -> {
				assertThat(((Delayed) head).getDelay(TimeUnit.NANOSECONDS))
					.isLessThanOrEqualTo(attemptTimeout.toNanos());
				assertThat(((Future<?>) head).isCancelled()).isFalse();
			});
			ScheduledFuture<?> callTimer = timers.get().schedule(() -> {
			}, attemptTimeout.toNanos(), TimeUnit.NANOSECONDS);
			assertThat(timers.get().getQueue().peek()).as("head of the queue").isNotSameAs(callTimer);
			callTimer.cancel(false);
			assertThat(timers.get().getQueue()).hasSize(1);
		});
		assertThat(timers.get().isShutdown()).as("stopped with the context").isTrue();
		await().atMost(Duration.ofSeconds(10)).until(timers.get()::isTerminated);
	}

	@Test
	void aClientThatCannotBeBuiltFailsTheCallsThatNeedIt() {
		this.runner.withBean("failing", ConnectParticipantClientCustomizer.class, () -> (builder) -> {
			throw new IllegalStateException("customizer broke");
		}).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThatExceptionOfType(BeanCreationException.class)
				.isThrownBy(() -> context.getBean(TranscriptService.class)
					.page(ParticipantConnection.ofConnectionToken("token"), TranscriptQuery.newestFirst()))
				.withStackTraceContaining("customizer broke");
		});
	}

	/**
	 * Counts the builds of the client and the closes of the HTTP client each build makes,
	 * which the SDK client closes with itself.
	 */
	static final class BuildRecorder implements ConnectParticipantClientCustomizer {

		final AtomicInteger builds = new AtomicInteger();

		final AtomicInteger closes = new AtomicInteger();

		@Override
		public void customize(ConnectParticipantClientBuilder builder) {
			this.builds.incrementAndGet();
			builder.httpClientBuilder(new ClosesCounted());
		}

		private final class ClosesCounted implements SdkHttpClient.Builder<ClosesCounted> {

			@Override
			public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
				SdkHttpClient http = Apache5HttpClient.builder().buildWithDefaults(serviceDefaults);
				return new SdkHttpClient() {

					@Override
					public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
						return http.prepareRequest(request);
					}

					@Override
					public void close() {
						BuildRecorder.this.closes.incrementAndGet();
						http.close();
					}

				};
			}

		}

	}

}
