package io.github.connectparticipant.autoconfigure;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.attachment.UploadResult;
import io.github.connectparticipant.autoconfigure.emulator.ConnectParticipantEmulatorAutoConfiguration;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The executor the starter gives {@code uploadAll} batches: its own, reused from batch to
 * batch and shut down with the context, never standing in for the application's executor;
 * the application's when it names one so.
 */
class ConnectParticipantUploadExecutorTests {

	private static final String EXECUTOR = ConnectParticipantAutoConfiguration.UPLOAD_EXECUTOR_BEAN_NAME;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
				ConnectParticipantEmulatorAutoConfiguration.class, ConnectParticipantAutoConfiguration.class))
		.withPropertyValues("connect.participant.emulator.enabled=true");

	@Test
	void batchesRunOnTheStartersThreadsReusedFromOneBatchToTheNext() {
		this.runner.withPropertyValues("connect.participant.attachments.upload-concurrency=2").run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean(EXECUTOR, ThreadPoolTaskExecutor.class);
			AttachmentService attachments = context.getBean(AttachmentService.class);
			ParticipantConnection connection = connection(context.getBean(ConnectParticipantEmulator.class),
					context.getBean(ParticipantConnectionFactory.class));
			assertThat(attachments.uploadAll(connection, texts(4))).allMatch(UploadResult::isSuccess);
			assertThat(executor.getPoolSize()).isBetween(1, 2);
			// a thread is reused once it waits for work again: between its last task and
			// that wait, the pool would make another
			await().atMost(Duration.ofSeconds(10)).until(() -> idle(executor));
			assertThat(attachments.uploadAll(connection, texts(4))).allMatch(UploadResult::isSuccess);
			assertThat(executor.getPoolSize()).as("threads of the first batch reused").isBetween(1, 2);
			assertThat(executor.getThreadNamePrefix()).isEqualTo("connect-participant-upload-");
		});
	}

	@Test
	void theStartersExecutorNeitherDisplacesNorStandsInForTheApplicationsExecutor() {
		this.runner.run((context) -> {
			assertThat(context).hasBean(EXECUTOR).hasBean("applicationTaskExecutor");
			assertThat(context.getBean(Executor.class)).isSameAs(context.getBean("applicationTaskExecutor"));
		});
	}

	@Test
	void theExecutorShutsDownWithTheContext() {
		ThreadPoolTaskExecutor[] executor = new ThreadPoolTaskExecutor[1];
		this.runner.run((context) -> executor[0] = context.getBean(EXECUTOR, ThreadPoolTaskExecutor.class));
		assertThat(executor[0].getThreadPoolExecutor().isShutdown()).isTrue();
	}

	@Test
	void batchesRunOnTheApplicationsExecutorOfThatName() {
		this.runner.withUserConfiguration(UserExecutorConfiguration.class).run((context) -> {
			ParticipantConnection connection = connection(context.getBean(ConnectParticipantEmulator.class),
					context.getBean(ParticipantConnectionFactory.class));
			assertThat(context.getBean(AttachmentService.class).uploadAll(connection, texts(3)))
				.allMatch(UploadResult::isSuccess);
			assertThat(UserExecutorConfiguration.threads).isNotEmpty().allMatch((name) -> name.startsWith("user-"));
		});
	}

	private static boolean idle(ThreadPoolTaskExecutor executor) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith(executor.getThreadNamePrefix()))
			.allMatch((thread) -> thread.getState() == Thread.State.TIMED_WAITING);
	}

	private static ParticipantConnection connection(ConnectParticipantEmulator emulator,
			ParticipantConnectionFactory connections) {
		return connections.fromParticipantToken(emulator.startChat("Ada").participantToken());
	}

	private static List<AttachmentUpload> texts(int count) {
		return java.util.stream.IntStream.range(0, count).mapToObj((i) -> {
			byte[] bytes = ("note " + i).getBytes(StandardCharsets.UTF_8);
			return AttachmentUpload.of(new ByteArrayInputStream(bytes), bytes.length, i + ".txt");
		}).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserExecutorConfiguration {

		static final Set<String> threads = ConcurrentHashMap.newKeySet();

		@Bean(name = EXECUTOR, defaultCandidate = false)
		Executor userUploadExecutor() {
			return (task) -> {
				Thread thread = new Thread(() -> {
					threads.add(Thread.currentThread().getName());
					task.run();
				}, "user-" + threads.size());
				thread.start();
			};
		}

	}

}
