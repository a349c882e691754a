package io.github.connectparticipant.autoconfigure;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectParticipantRuntimeHintsTests {

	@Test
	void everyServiceModelTheEmulatorReadsIsARegisteredResource() throws IOException {
		RuntimeHints hints = new RuntimeHints();
		new ConnectParticipantRuntimeHints().registerHints(hints, getClass().getClassLoader());
		Resource[] models = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:" + ConnectParticipantRuntimeHints.EMULATOR_MODELS);
		assertThat(models).extracting(Resource::getFilename)
			.contains("connectparticipant-2018-09-07.json", "connect-2017-08-08.json");
		for (Resource model : models) {
			assertThat(RuntimeHintsPredicates.resource()
				.forResource("io/github/connectparticipant/emulator/model/" + model.getFilename())).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.resource().forResource("io/github/connectparticipant/emulator/Other.json"))
			.rejects(hints);
	}

	@Test
	void isRegisteredForSpringAot() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(ConnectParticipantRuntimeHints.class);
	}

}
