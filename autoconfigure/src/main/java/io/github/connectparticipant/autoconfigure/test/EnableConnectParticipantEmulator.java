package io.github.connectparticipant.autoconfigure.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a Connect Participant emulator for a Spring test context and points the
 * starter's beans at it, as wiremock-spring-boot's {@code @EnableWireMock} does for
 * WireMock: {@code connect.participant.endpoint} and {@code connect.participant.region} are
 * set to the emulator, and the emulator is available to the test as a
 * {@code ConnectParticipantEmulator} bean for its control API. It stops with the context.
 * Production contexts are untouched: only the Spring TestContext framework reads this.
 *
 * <pre>{@code
 * @SpringBootTest
 * @EnableConnectParticipantEmulator
 * class ChatTests {
 *     @Autowired AttachmentService attachments;
 *     @Autowired ConnectParticipantEmulator emulator;
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EnableConnectParticipantEmulator {

}
