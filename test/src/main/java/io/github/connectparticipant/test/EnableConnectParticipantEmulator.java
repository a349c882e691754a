package io.github.connectparticipant.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a Connect Participant emulator for a Spring test context and points the
 * starter's beans at it, as wiremock-spring-boot's {@code @EnableWireMock} does for
 * WireMock: {@code connect.participant.endpoint} and {@code connect.participant.region}
 * are set to the emulator and the embedded emulator stays off. The context gets no bean
 * of its own; a field annotated with {@link InjectConnectParticipantEmulator} receives
 * the emulator for its control API. Its state (chats, faults, throttles, clock, counts)
 * is reset after each test method, and it stops with the context.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;EnableConnectParticipantEmulator
 * class ChatTests {
 *     &#64;Autowired AttachmentService attachments;
 *     &#64;InjectConnectParticipantEmulator ConnectParticipantEmulator emulator;
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EnableConnectParticipantEmulator {

}
