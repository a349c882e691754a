package io.github.connectparticipant.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A chat-attachment service on the Amazon Connect Participant starter: a REST API under
 * {@code /api/chats} and a small page at {@code /}. With no {@code connect.participant.*}
 * settings it talks to the embedded emulator; the {@code aws} profile switches it to a
 * real Amazon Connect instance.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
