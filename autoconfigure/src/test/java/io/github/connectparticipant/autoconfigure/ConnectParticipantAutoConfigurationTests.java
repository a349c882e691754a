package io.github.connectparticipant.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

import io.micrometer.observation.ObservationRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.util.unit.DataSize;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.RequestQuota;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.PresignedUrlHttpClient;
import io.github.connectparticipant.autoconfigure.emulator.ConnectParticipantEmulatorAutoConfiguration;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.transcript.TranscriptService;
import io.github.connectparticipant.retry.RequestPacer;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ConnectParticipantAutoConfigurationTests {

	/**
	 * No AWS region where the embedded default looks, whatever the machine running the
	 * tests has set up: blank values count as none.
	 */
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectParticipantEmulatorAutoConfiguration.class,
				ConnectParticipantAutoConfiguration.class))
		.withPropertyValues("AWS_REGION=", "AWS_DEFAULT_REGION=", "AWS_PROFILE=")
		.withSystemProperties("aws.region=", "aws.configFile=/nonexistent/connect-participant-test-config",
				"aws.sharedCredentialsFile=/nonexistent/connect-participant-test-credentials");

	private final ApplicationContextRunner awsRunner = this.runner
		.withPropertyValues("connect.participant.region=eu-west-2");

	@Test
	void providesEveryBeanByDefault() {
		this.awsRunner.run((context) -> {
			assertThat(context).hasSingleBean(ConnectParticipantClient.class)
				.hasSingleBean(ConnectParticipantSettings.class)
				.hasSingleBean(ParticipantConnectionFactory.class)
				.hasSingleBean(AttachmentService.class)
				.hasSingleBean(TranscriptService.class)
				.hasSingleBean(ConnectParticipantConnectionDetails.class)
				.hasBean(ConnectParticipantAutoConfiguration.PRESIGNED_HTTP_CLIENT_BEAN_NAME)
				.doesNotHaveBean(ConnectParticipantEmulator.class);
			assertThat(context).getBean(ConnectParticipantAutoConfiguration.PRESIGNED_HTTP_CLIENT_BEAN_NAME)
				.isInstanceOf(PresignedUrlHttpClient.class);
		});
	}

	@Test
	void clientIsAnonymousWithoutSdkRetriesInTheConfiguredRegion() {
		this.awsRunner.run((context) -> {
			var configuration = context.getBean(ConnectParticipantClient.class).serviceClientConfiguration();
			assertThat(configuration.region()).isEqualTo(Region.EU_WEST_2);
			assertThat(configuration.credentialsProvider()).isInstanceOf(AnonymousCredentialsProvider.class);
			assertThat(configuration.overrideConfiguration().retryStrategy())
				.hasValueSatisfying((strategy) -> assertThat(strategy.maxAttempts()).isEqualTo(1));
			assertThat(configuration.endpointOverride()).isEmpty();
		});
	}

	@Test
	void clientBoundsEachCallByTheAttemptTimeout() {
		this.awsRunner.withPropertyValues("connect.participant.timeouts.attempt=3s").run((context) -> {
			var override = context.getBean(ConnectParticipantClient.class)
				.serviceClientConfiguration()
				.overrideConfiguration();
			assertThat(override.apiCallTimeout()).hasValue(Duration.ofSeconds(3));
			assertThat(override.apiCallAttemptTimeout()).hasValue(Duration.ofSeconds(3));
		});
	}

	@Test
	void endpointPropertyOverridesTheEndpoint() {
		this.runner
			.withPropertyValues("connect.participant.region=us-west-2",
					"connect.participant.endpoint=https://participant.example.test")
			.run((context) -> assertThat(
					context.getBean(ConnectParticipantClient.class).serviceClientConfiguration().endpointOverride())
				.hasValue(URI.create("https://participant.example.test")));
	}

	@Test
	void connectionDetailsBeanWinsOverProperties() {
		ConnectParticipantConnectionDetails details = new ConnectParticipantConnectionDetails() {

			@Override
			public URI getEndpoint() {
				return URI.create("http://127.0.0.1:9");
			}

			@Override
			public String getRegion() {
				return "ap-southeast-2";
			}

		};
		this.awsRunner.withBean(ConnectParticipantConnectionDetails.class, () -> details).run((context) -> {
			var configuration = context.getBean(ConnectParticipantClient.class).serviceClientConfiguration();
			assertThat(configuration.endpointOverride()).hasValue(URI.create("http://127.0.0.1:9"));
			assertThat(configuration.region()).isEqualTo(Region.AP_SOUTHEAST_2);
		});
	}

	@Test
	void backsOffForUserBeans() {
		this.awsRunner.withUserConfiguration(UserBeansConfiguration.class).run((context) -> {
			assertThat(context).getBean(ConnectParticipantClient.class).isSameAs(UserBeansConfiguration.CLIENT);
			assertThat(context).getBean(AttachmentService.class).isSameAs(context.getBean("userAttachments"));
			assertThat(context).getBean(TranscriptService.class).isSameAs(context.getBean("userTranscripts"));
			assertThat(context.getBean(ConnectParticipantSettings.class).maxAttempts()).isEqualTo(9);
			assertThat(context).getBean(ConnectParticipantAutoConfiguration.PRESIGNED_HTTP_CLIENT_BEAN_NAME)
				.isSameAs(UserBeansConfiguration.HTTP);
			assertThat(context).hasSingleBean(ParticipantConnectionFactory.class);
		});
	}

	@Test
	void bindsRelaxedNamesDurationsAndDataSizes() {
		this.awsRunner.withPropertyValues("connect.participant.retry.max-attempts=7",
				"connect.participant.retry.initialBackoff=250ms", "connect.participant.retry.max_backoff=2s",
				"connect.participant.timeouts.attempt=3s", "connect.participant.attachments.max-size=50MB",
				"connect.participant.attachments.download-url-expiry=1m",
				"connect.participant.connections.token-refresh-margin=10m",
				"connect.participant.transcripts.page-size=25",
				"connect.participant.attachments.allowed-content-types=application/pdf,image/png",
				"connect.participant.attachments.additional-content-types.zip=application/zip",
				"connect.participant.pacing.quotas.StartAttachmentUpload.rate=2.5",
				"connect.participant.pacing.quotas.SendMessage.burst=20",
				"connect.participant.pacing.quotas.DescribeView.rate=1", "connect.participant.pacing.adaptive=false",
				"connect.participant.attachments.presigned-url-hosts=files.example.test,*.s3.eu-west-2.amazonaws.com")
			.run((context) -> {
				ConnectParticipantSettings settings = context.getBean(ConnectParticipantSettings.class);
				assertThat(settings.maxAttempts()).isEqualTo(7);
				assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(250));
				assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.attemptTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(settings.maxAttachmentSize()).isEqualTo(DataSize.ofMegabytes(50));
				assertThat(settings.downloadUrlExpiry()).isEqualTo(Duration.ofMinutes(1));
				assertThat(settings.tokenRefreshMargin()).isEqualTo(Duration.ofMinutes(10));
				assertThat(settings.transcriptPageSize()).isEqualTo(25);
				assertThat(settings.requestQuotas()).containsEntry("StartAttachmentUpload", new RequestQuota(2.5, 5))
					.containsEntry("SendMessage", new RequestQuota(10, 20))
					.containsEntry("DescribeView", new RequestQuota(1, 1))
					.containsEntry("GetTranscript",
							RequestQuota.CONNECT_QUOTAS.get(ParticipantOperation.GET_TRANSCRIPT));
				assertThat(settings.adaptivePacing()).isFalse();
				assertThat(settings.presignedUrlHosts()).containsExactly("files.example.test",
						"*.s3.eu-west-2.amazonaws.com");
				assertThat(settings.allowedContentTypes()).containsOnlyKeys("pdf", "png", "zip");
			});
	}

	@Test
	void refusesInvalidValuesNamingTheProperty() {
		assertStartupFailure("connect.participant.retry.max-attempts=0", "connect.participant.retry.max-attempts");
		assertStartupFailure("connect.participant.retry.backoff-multiplier=0.5",
				"connect.participant.retry.backoff-multiplier");
		assertStartupFailure("connect.participant.retry.initial-backoff=0s",
				"connect.participant.retry.initial-backoff");
		assertStartupFailure("connect.participant.retry.max-backoff=50ms", "connect.participant.retry.max-backoff");
		assertStartupFailure("connect.participant.timeouts.call=0s", "connect.participant.timeouts.call");
		assertStartupFailure("connect.participant.attachments.max-size=200MB",
				"connect.participant.attachments.max-size");
		assertStartupFailure("connect.participant.attachments.download-url-expiry=10m",
				"connect.participant.attachments.download-url-expiry");
		assertStartupFailure("connect.participant.attachments.scan-timeout=0s",
				"connect.participant.attachments.scan-timeout");
		assertStartupFailure("connect.participant.attachments.upload-concurrency=0",
				"connect.participant.attachments.upload-concurrency");
		assertStartupFailure("connect.participant.transcripts.page-size=101",
				"connect.participant.transcripts.page-size");
		assertStartupFailure("connect.participant.connections.token-refresh-margin=-1s",
				"connect.participant.connections.token-refresh-margin");
		assertStartupFailure("connect.participant.http.connect-timeout=0s", "connect.participant.http.connect-timeout");
		assertStartupFailure("connect.participant.http.max-connections=0", "connect.participant.http.max-connections");
		assertStartupFailure("connect.participant.health.cache-time=-1s", "connect.participant.health.cache-time");
		assertStartupFailure("connect.participant.pacing.redis.key-prefix= ",
				"connect.participant.pacing.redis.key-prefix");
		assertStartupFailure("connect.participant.attachments.allowed-content-types=application/x-unknown",
				"connect.participant.attachments.allowed-content-types");
		assertStartupFailure("connect.participant.region=Mars", "connect.participant.region");
		assertStartupFailure("connect.participant.endpoint=participant.example.test", "connect.participant.endpoint");
		assertStartupFailure("connect.participant.pacing.quotas.StartAttachmentUpload.rate=0",
				"connect.participant.pacing.quotas.StartAttachmentUpload.rate");
		assertStartupFailure("connect.participant.pacing.quotas.StartAttachmentUpload.burst=0",
				"connect.participant.pacing.quotas.StartAttachmentUpload.burst");
		assertStartupFailure("connect.participant.pacing.quotas.DescribeView.burst=2",
				"connect.participant.pacing.quotas.DescribeView.rate");
		assertStartupFailure("connect.participant.attachments.presigned-url-hosts=https://evil.example/x",
				"presignedUrlHosts entry 'https://evil.example/x'");
		assertStartupFailure("connect.participant.retry.max-attempts=many", "connect.participant.retry.max-attempts");
	}

	@Test
	void refusalIsExplainedByBootsFailureAnalysisNamingThePropertyAndItsValue() {
		this.runner
			.withPropertyValues("connect.participant.emulator.enabled=false", "connect.participant.region=us-east-1",
					"connect.participant.retry.max-attempts=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidConfigurationPropertyValueException ex = findCause(context.getStartupFailure(),
						InvalidConfigurationPropertyValueException.class);
				assertThat(ex.getName()).isEqualTo("connect.participant.retry.max-attempts");
				assertThat(ex.getValue()).isEqualTo(0);
				List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
					.load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, new StandardEnvironment()),
							FailureHandler.handleMessage((message, failure) -> {
							}));
				List<String> descriptions = new ArrayList<>();
				for (FailureAnalyzer analyzer : analyzers) {
					FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
					if (analysis != null) {
						descriptions.add(analysis.getDescription());
					}
				}
				assertThat(descriptions).first()
					.asString()
					.contains("Invalid value '0' for configuration property 'connect.participant.retry.max-attempts'")
					.contains("must be at least 1");
			});
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
	}

	private void assertStartupFailure(String property, String named) {
		this.runner
			.withPropertyValues("connect.participant.emulator.enabled=false", "connect.participant.region=us-east-1")
			.withPropertyValues(property)
			.run((context) -> {
				assertThat(context).hasFailed();
				StringBuilder messages = new StringBuilder();
				for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
					messages.append(t.getMessage()).append('\n');
				}
				assertThat(messages.toString()).as(property).contains(named);
			});
	}

	@Test
	void customizersApplyInOrder() {
		this.awsRunner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			// the client is created on first use, with every customizer
			assertThat(context.getBean(ConnectParticipantClient.class).serviceClientConfiguration().endpointOverride())
				.hasValue(URI.create("http://127.0.0.1:2"));
			assertThat(CustomizerConfiguration.calls).containsExactly("first", "second");
		});
	}

	@Test
	void customizerChangingOverrideConfigurationKeepsSdkRetriesOff() {
		this.awsRunner
			.withBean(ConnectParticipantClientCustomizer.class,
					() -> (builder) -> builder.overrideConfiguration((c) -> c.putHeader("x-team", "support")))
			.run((context) -> {
				var override = context.getBean(ConnectParticipantClient.class)
					.serviceClientConfiguration()
					.overrideConfiguration();
				assertThat(override.headers()).containsKey("x-team");
				assertThat(override.retryStrategy())
					.hasValueSatisfying((strategy) -> assertThat(strategy.maxAttempts()).isEqualTo(1));
			});
	}

	@Test
	void startsTheEmbeddedEmulatorWhenNothingPointsAtAws(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ConnectParticipantEmulator.class);
			ConnectParticipantEmulator emulator = context.getBean(ConnectParticipantEmulator.class);
			assertThat(context.getBean(ConnectParticipantClient.class).serviceClientConfiguration().endpointOverride())
				.hasValue(emulator.baseUri());
		});
		assertThat(output).containsOnlyOnce("talking to an embedded emulator at http://127.0.0.1:");
	}

	@Test
	void stopsTheEmbeddedEmulatorWithTheContext() {
		List<URI> uris = new ArrayList<>();
		this.runner.run((context) -> uris.add(context.getBean(ConnectParticipantEmulator.class).baseUri()));
		assertThat(uris).singleElement().satisfies((uri) -> {
			HttpClient http = HttpClient.newHttpClient();
			org.assertj.core.api.Assertions.assertThatException()
				.isThrownBy(
						() -> http.send(java.net.http.HttpRequest.newBuilder(uri.resolve("/_emulator/health")).build(),
								java.net.http.HttpResponse.BodyHandlers.discarding()))
				.isInstanceOf(java.io.IOException.class);
		});
	}

	@Test
	void noEmulatorWhenARegionOrEndpointIsSetOrItIsSwitchedOff() {
		this.runner.withPropertyValues("connect.participant.region=us-east-1")
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectParticipantEmulator.class));
		this.runner
			.withPropertyValues("connect.participant.endpoint=http://127.0.0.1:1",
					"connect.participant.region=us-east-1")
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectParticipantEmulator.class));
		this.runner
			.withPropertyValues("connect.participant.emulator.enabled=false", "connect.participant.region=us-east-1")
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectParticipantEmulator.class));
	}

	@Test
	void emulatorForcedOnEvenWithARegion() {
		this.runner
			.withPropertyValues("connect.participant.emulator.enabled=true", "connect.participant.region=eu-west-1")
			.run((context) -> assertThat(context).hasSingleBean(ConnectParticipantEmulator.class));
	}

	@Test
	void emulatorAbsentFromTheClasspathIsNotTouched() {
		this.runner.withClassLoader(new FilteredClassLoader(ConnectParticipantEmulator.class))
			.withPropertyValues("connect.participant.region=us-east-1")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("connectParticipantEmulator");
				assertThat(context).hasSingleBean(AttachmentService.class);
			});
	}

	@Test
	void noRegionAnywhereFailsTheStartAsBuildingTheClientWould() {
		this.runner.withClassLoader(new FilteredClassLoader(ConnectParticipantEmulator.class))
			.withSystemProperties("aws.region=", "aws.disableEc2Metadata=true",
					"aws.configFile=/nonexistent/connect-participant-test-config",
					"aws.sharedCredentialsFile=/nonexistent/connect-participant-test-credentials")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new ConnectParticipantRegionFailureAnalyzer().analyze(context.getStartupFailure()))
					.isNotNull()
					.satisfies((analysis) -> assertThat(analysis.getDescription())
						.contains("connect.participant.region is not set"));
			});
	}

	@Test
	void noRegionCheckForTheApplicationsOwnClient() {
		this.runner.withClassLoader(new FilteredClassLoader(ConnectParticipantEmulator.class))
			.withSystemProperties("aws.region=", "aws.disableEc2Metadata=true",
					"aws.configFile=/nonexistent/connect-participant-test-config",
					"aws.sharedCredentialsFile=/nonexistent/connect-participant-test-credentials")
			.withUserConfiguration(UserBeansConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(ConnectParticipantClient.class)
				.isSameAs(UserBeansConfiguration.CLIENT));
	}

	@Test
	void backsOffWithoutTheSdkOrTheLibrary() {
		this.runner.withClassLoader(new FilteredClassLoader(ConnectParticipantClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AttachmentService.class)
				.doesNotHaveBean("connectParticipantEmulator"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		static final ConnectParticipantClient CLIENT = ConnectParticipantClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.build();

		static final SdkHttpClient HTTP = Apache5HttpClient.create();

		@Bean
		ConnectParticipantClient userClient() {
			return CLIENT;
		}

		@Bean
		ConnectParticipantSettings userSettings() {
			return ConnectParticipantSettings.builder().maxAttempts(9).build();
		}

		@Bean(ConnectParticipantAutoConfiguration.PRESIGNED_HTTP_CLIENT_BEAN_NAME)
		SdkHttpClient userHttp() {
			return HTTP;
		}

		@Bean
		AttachmentService userAttachments(ConnectParticipantClient client, ConnectParticipantSettings settings,
				RequestPacer pacer) {
			return new io.github.connectparticipant.attachment.DefaultAttachmentService(client, HTTP, settings,
					ObservationRegistry.NOOP, pacer, ForkJoinPool.commonPool());
		}

		@Bean
		TranscriptService userTranscripts(ConnectParticipantClient client, ConnectParticipantSettings settings,
				RequestPacer pacer) {
			return new io.github.connectparticipant.transcript.DefaultTranscriptService(client, settings,
					ObservationRegistry.NOOP, pacer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		static final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		ConnectParticipantClientCustomizer second() {
			return (builder) -> {
				calls.add("second");
				builder.endpointOverride(URI.create("http://127.0.0.1:2"));
			};
		}

		@Bean
		@Order(1)
		ConnectParticipantClientCustomizer first() {
			return (builder) -> {
				calls.clear();
				calls.add("first");
				builder.endpointOverride(URI.create("http://127.0.0.1:1"));
			};
		}

	}

}
