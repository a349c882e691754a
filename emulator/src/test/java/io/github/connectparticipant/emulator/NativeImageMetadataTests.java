package io.github.connectparticipant.emulator;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator's GraalVM native-image metadata names every service model it reads, so
 * that a native build of an application or of the standalone emulator has them.
 */
class NativeImageMetadataTests {

	@Test
	void resourceConfigIncludesTheServiceModels() throws Exception {
		JsonNode config;
		try (InputStream in = getClass().getResourceAsStream(
				"/META-INF/native-image/io.github.connectparticipant/connect-participant-emulator/resource-config.json")) {
			config = JsonMapper.builder().build().readTree(in);
		}
		List<Pattern> includes = new ArrayList<>();
		config.get("resources")
			.get("includes")
			.forEach((include) -> includes.add(Pattern.compile(include.get("pattern").asString())));
		// the models as built into target/classes, whatever their number
		String[] models = Path.of(ServiceModel.class.getResource("model/").toURI()).toFile().list();
		assertThat(models).contains("connectparticipant-2018-09-07.json", "connect-2017-08-08.json");
		for (String model : models) {
			String resource = "io/github/connectparticipant/emulator/model/" + model;
			assertThat(includes).as(resource).anyMatch((pattern) -> pattern.matcher(resource).matches());
		}
		assertThat(includes)
			.noneMatch((pattern) -> pattern.matcher("io/github/connectparticipant/emulator/model/x.txt").matches());
	}

}
